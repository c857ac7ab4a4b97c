using OpenCvSharp;

namespace FaceFlash.Pipeline.Frames;

/// <summary>A decoded frame with its timestamp. Pooled: its <see cref="Image"/> is reused once the frame is analysed.</summary>
public sealed class VideoFrame : IDisposable
{
    public Mat Image { get; } = new();
    public long Index { get; set; }
    public double TimestampMs { get; set; }

    /// <summary>Monotonic clock reading (ms) when the frame was grabbed, for latency measurements.</summary>
    public double GrabbedAtMs { get; set; }

    public void Dispose() => Image.Dispose();
}
