using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// The frames of <paramref name="inner"/> whose times lie in <paramref name="range"/>, with their own times and
/// numbers. The frames before are decoded and passed over — a seek lands on a keyframe and would lose the frames'
/// numbers — and reading stops at the first frame after the range.
/// </summary>
public sealed class TimeRangeSource(IFrameSource inner, TimeRange range) : IFrameSource
{
    public int Width => inner.Width;
    public int Height => inner.Height;

    public FrameEnvelope? Read(Mat image)
    {
        while (inner.Read(image) is { } envelope)
        {
            if (envelope.OriginatingTimeMs > range.ToMs) return null;
            if (range.Contains(envelope.OriginatingTimeMs)) return envelope;
        }
        return null;
    }
}
