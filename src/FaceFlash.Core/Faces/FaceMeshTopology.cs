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
    public const int NoseBridgeTop = 168;
    public const int NoseBridge = 6;
    public const int NoseBridgeLower = 197;
    public const int NoseDorsum = 195;
    public const int NoseTip = 1;
    public const int Chin = 152;
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
    public const int RightCheek = 50;
    public const int LeftCheek = 280;
    public const int RightNoseWing = 98;
    public const int LeftNoseWing = 327;

    /// <summary>
    /// The anchors: points that move with the skull but barely with expressions — the eye corners and the nose
    /// bridge. The one set that defines rigid head motion everywhere: the fit that removes head motion from the AUs,
    /// the fit that carries the landmarks between FaceMesh runs, and the still-face jitter test. (Head pose uses its own 3-D points,
    /// <see cref="CanonicalFace"/>, which need spread across the face more than stillness.)
    /// </summary>
    public static readonly int[] Anchors =
        [RightEyeOuter, RightEyeInner, LeftEyeInner, LeftEyeOuter, NoseBridgeTop, NoseBridge, NoseBridgeLower, NoseDorsum];
}
