using FaceFlash.Core.Frames;

namespace FaceFlash.Pipeline.Frames;

/// <summary>What travels between stages: the frame's image and what has been found in it so far.</summary>
public sealed class FramePacket : IDisposable
{
    public VideoFrame Frame { get; } = new();
    public FrameAnalysis Analysis { get; } = new();

    public void Dispose() => Frame.Dispose();
}
