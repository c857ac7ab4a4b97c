using System.Numerics;

namespace FaceFlash.Core.Faces;

/// <summary>
/// A pinhole camera in pixels. Camera space is in millimetres with x to the image right, y down and z away from the
/// camera, as OpenFace's <c>X_n, Y_n, Z_n</c> and gaze vectors are.
/// </summary>
public readonly record struct PinholeCamera(double Fx, double Fy, double Cx, double Cy)
{
    /// <summary>
    /// A mesh point (image pixels, z relative to the face on the x scale) in camera space, for a head whose centre is
    /// <paramref name="headDepthMm"/> from the camera: the mesh's relative depth is scaled by the millimetres per
    /// pixel at the head's depth — weak perspective within the face, which is a few centimetres deep.
    /// </summary>
    public Vector3 BackProject(Vector3 meshPoint, float headDepthMm)
    {
        var z = headDepthMm + meshPoint.Z * headDepthMm / Fx;
        return new Vector3((float)((meshPoint.X - Cx) * z / Fx), (float)((meshPoint.Y - Cy) * z / Fy), (float)z);
    }

    /// <summary>Where a camera-space point appears in the image.</summary>
    public Vector2 Project(Vector3 point) =>
        new((float)(Fx * point.X / point.Z + Cx), (float)(Fy * point.Y / point.Z + Cy));

    /// <summary>The unit direction from the camera centre through a pixel.</summary>
    public Vector3 Ray(Vector2 pixel) =>
        Vector3.Normalize(new Vector3((float)((pixel.X - Cx) / Fx), (float)((pixel.Y - Cy) / Fy), 1));
}
