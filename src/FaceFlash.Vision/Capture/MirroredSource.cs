using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>The frames of <paramref name="inner"/> flipped left to right, with their own times and numbers.</summary>
public sealed class MirroredSource(IFrameSource inner) : IFrameSource
{
    public int Width => inner.Width;
    public int Height => inner.Height;

    public FrameEnvelope? Read(Mat image)
    {
        if (inner.Read(image) is not { } envelope) return null;
        Cv2.Flip(image, image, FlipMode.Y); // in place: OpenCV swaps the columns pairwise
        return envelope;
    }
}
