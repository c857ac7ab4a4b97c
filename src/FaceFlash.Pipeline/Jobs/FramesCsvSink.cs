using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Writes the frames CSV and commits it when the run ends, also after a cancellation (rows written stay valid).</summary>
public sealed class FramesCsvSink(FramesCsvWriter writer) : IFrameSink, IDisposable
{
    public void Write(FrameAnalysis frame) => writer.Write(frame);
    public void Complete() => writer.Commit();
    public void Dispose() => writer.Dispose();
}
