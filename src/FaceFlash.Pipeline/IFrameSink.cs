using FaceFlash.Core.Frames;

namespace FaceFlash.Pipeline;

/// <summary>The last stage's consumers: file writers, overlays, live event streams. Called on one task, in frame order.</summary>
public interface IFrameSink
{
    void Write(FrameAnalysis frame);

    /// <summary>The run ended (completed or cancelled): flush and commit what was written.</summary>
    void Complete();
}

/// <summary>A consumer that also needs the frame's image (overlays, recordings); it must copy what it keeps.</summary>
public interface IFrameImageSink : IFrameSink
{
    void Write(FrameAnalysis frame, Frames.VideoFrame video);
}
