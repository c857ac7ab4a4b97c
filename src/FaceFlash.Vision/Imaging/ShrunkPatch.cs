using System.Numerics;
using OpenCvSharp;

namespace FaceFlash.Vision.Imaging;

/// <summary>
/// A region of the image cut as a patch shrunk by a whole factor (an area resize, which OpenCV does some thirty times
/// faster than a fractional one): where its pixels lie in the image.
/// </summary>
public static class ShrunkPatch
{
    /// <summary>
    /// How a patch pixel maps to the image: an area resize by a whole factor averages factor × factor blocks, so patch
    /// pixel centre x ↦ x0 + (x + 0.5)·f − 0.5 (at factor 1, exactly x0 + x).
    /// </summary>
    public static Matrix3x2 ToImage(Rect region, int factor)
    {
        var offset = 0.5f * factor - 0.5f;
        return Matrix3x2.CreateScale(factor) * Matrix3x2.CreateTranslation(region.X + offset, region.Y + offset);
    }
}
