using System.Numerics;
using FaceFlash.Core.Detection;

namespace FaceFlash.Core.Geometry;

/// <summary>
/// A square, rotated region of the image that a landmark model sees: centre and side in pixels, and the angle of
/// the eye line (radians, positive clockwise on screen since y points down). The crop is rotated so the eyes are level.
/// </summary>
public readonly record struct FaceRegion(Vector2 Centre, float Size, float Rotation)
{
    /// <summary>MediaPipe enlarges the face 1.5× so the whole face stays in the crop as it moves.</summary>
    public const float DefaultScale = 1.5f;

    /// <summary>Region for a fresh detection: rotation from the eye keypoints, side from the larger box side.</summary>
    public static FaceRegion FromDetection(FaceDetection d, float scale = DefaultScale)
    {
        var size = Math.Max(d.Box.Width, d.Box.Height) * scale;
        return new FaceRegion(d.Box.Centre, size, EyeLineAngle(d[FaceKeypoint.RightEye], d[FaceKeypoint.LeftEye]));
    }

    /// <summary>Region for the next frame from this frame's landmarks (MediaPipe's landmarks-to-ROI step).</summary>
    public static FaceRegion FromLandmarks(ReadOnlySpan<Vector2> points, Vector2 rightEyeOuter, Vector2 leftEyeOuter, float scale = DefaultScale)
    {
        var rotation = EyeLineAngle(rightEyeOuter, leftEyeOuter);
        // Box in the rotated frame, so a tilted head does not inflate the crop.
        var toUpright = Matrix3x2.CreateRotation(-rotation);
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var p in points)
        {
            var q = Vector2.Transform(p, toUpright);
            minX = Math.Min(minX, q.X);
            minY = Math.Min(minY, q.Y);
            maxX = Math.Max(maxX, q.X);
            maxY = Math.Max(maxY, q.Y);
        }
        var centreUpright = new Vector2((minX + maxX) / 2, (minY + maxY) / 2);
        var centre = Vector2.Transform(centreUpright, Matrix3x2.CreateRotation(rotation));
        return new FaceRegion(centre, Math.Max(maxX - minX, maxY - minY) * scale, rotation);
    }

    /// <summary>Angle of the line from the subject's right eye (image left) to the left eye.</summary>
    public static float EyeLineAngle(Vector2 rightEye, Vector2 leftEye) => MathF.Atan2(leftEye.Y - rightEye.Y, leftEye.X - rightEye.X);

    /// <summary>Maps pixel coordinates of a <paramref name="cropSize"/>-pixel crop of this region to image coordinates.</summary>
    public Matrix3x2 CropToImage(int cropSize)
    {
        var s = Size / cropSize;
        var half = cropSize / 2f;
        return Matrix3x2.CreateTranslation(-half, -half)
               * Matrix3x2.CreateScale(s)
               * Matrix3x2.CreateRotation(Rotation)
               * Matrix3x2.CreateTranslation(Centre);
    }

    public BoxF AxisAlignedBounds
    {
        get
        {
            var half = Size / 2 * (MathF.Abs(MathF.Cos(Rotation)) + MathF.Abs(MathF.Sin(Rotation)));
            return new BoxF(Centre.X - half, Centre.Y - half, 2 * half, 2 * half);
        }
    }
}
