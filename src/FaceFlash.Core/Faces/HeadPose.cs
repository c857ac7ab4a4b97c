namespace FaceFlash.Core.Faces;

/// <summary>
/// Head pose as OpenFace reports it: translation of the head centre from the camera in millimetres, and rotation in
/// radians about the camera's X (pitch), Y (yaw) and Z (roll) axes with R = Rx · Ry · Rz.
/// </summary>
public readonly record struct HeadPose(float Tx, float Ty, float Tz, float Rx, float Ry, float Rz);
