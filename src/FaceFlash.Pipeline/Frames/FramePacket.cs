using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Pipeline.Frames;

/// <summary>
/// What travels between stages: the frame's image and what has been found in it so far, both under the frame's one
/// <see cref="FrameEnvelope"/> (kept in <see cref="Analysis"/>, which is what outlives the image in the sinks).
/// </summary>
public sealed class FramePacket : IDisposable
{
    /// <summary>The decoded frame. Pooled: reused once the frame is written.</summary>
    public Mat Image { get; } = new();

    public FrameAnalysis Analysis { get; } = new();

    public FrameEnvelope Envelope => Analysis.Envelope;

    public void Dispose() => Image.Dispose();
}
