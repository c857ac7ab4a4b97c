namespace FaceFlash.Core.Faces;

/// <summary>Indices into MediaPipe's 468-point face mesh that FaceFlash uses by name. "Right" is the subject's right.</summary>
public static class FaceMeshTopology
{
    public const int PointCount = 468;

    public const int RightEyeOuter = 33;
    public const int RightEyeInner = 133;
    public const int LeftEyeInner = 362;
    public const int LeftEyeOuter = 263;
    public const int RightEyeUpperLid = 159;
    public const int RightEyeLowerLid = 145;
    public const int LeftEyeUpperLid = 386;
    public const int LeftEyeLowerLid = 374;
    public const int NoseBridge = 6;
    public const int NoseBridgeTop = 168;
    public const int NoseTip = 1;
    public const int Subnasale = 2;
    public const int Forehead = 10;
    public const int Chin = 152;
    public const int RightCheekEdge = 234;
    public const int LeftCheekEdge = 454;
    public const int MouthRightCorner = 61;
    public const int MouthLeftCorner = 291;
    public const int UpperLipTop = 0;
    public const int UpperLipInner = 13;
    public const int LowerLipInner = 14;
    public const int LowerLipBottom = 17;
    public const int RightBrowInner = 55;
    public const int RightBrowMiddle = 105;
    public const int RightBrowOuter = 46;
    public const int LeftBrowInner = 285;
    public const int LeftBrowMiddle = 334;
    public const int LeftBrowOuter = 276;

    /// <summary>Points that move with the skull but barely with expressions: eye corners and the nose bridge.</summary>
    public static readonly int[] RigidPoints = [RightEyeOuter, RightEyeInner, LeftEyeInner, LeftEyeOuter, NoseBridge, NoseBridgeTop, Subnasale];
}
