using FaceFlash.Core.Frames;
using FaceFlash.Pipeline.Frames;

namespace FaceFlash.Pipeline.Stages;

/// <summary>One step of the pipeline (faces, action units, …). Each runs on its own task, one packet at a time, in order.</summary>
public interface IFrameStage : IDisposable
{
    string Name { get; }
    void Process(FramePacket packet);

    /// <summary>The stream ended (completed or cancelled): add what is still in progress to <paramref name="end"/>.</summary>
    void Complete(StreamEnd end) { }
}
