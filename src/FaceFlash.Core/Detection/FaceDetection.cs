using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Detection;

/// <summary>Which BlazeFace keypoint is which. "Right" is the subject's right, on the left of an unmirrored image.</summary>
public enum FaceKeypoint { RightEye = 0, LeftEye = 1, NoseTip = 2, MouthCentre = 3, RightEarTragion = 4, LeftEarTragion = 5 }

/// <summary>A detected face: box, the six BlazeFace keypoints and the detector's confidence (a probability).</summary>
public sealed record FaceDetection(BoxF Box, Vector2[] Keypoints, float Score)
{
    public const int KeypointCount = 6;

    public Vector2 this[FaceKeypoint k] => Keypoints[(int)k];

    /// <summary>Applies a point mapping (for example from model-input to image coordinates).</summary>
    public FaceDetection Map(Func<Vector2, Vector2> map)
    {
        var a = map(new Vector2(Box.X, Box.Y));
        var b = map(new Vector2(Box.Right, Box.Bottom));
        return new FaceDetection(new BoxF(a.X, a.Y, b.X - a.X, b.Y - a.Y), Keypoints.Select(map).ToArray(), Score);
    }
}
