using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Pipeline;

/// <summary>
/// The last stage's consumers: file writers, counters, overlays. Pure writers: they read what the stages put on the
/// frame (faces, AUs, events) and decide nothing. Called on one task, in frame order.
/// </summary>
public interface IFrameSink
{
    void Write(FrameAnalysis frame);

    /// <summary>
    /// The run ended by completing or by being cancelled: write what the stages concluded at the end
    /// (<paramref name="end"/>), then flush and commit what was written. Never called after a failure; a sink that
    /// owns files discards them when disposed uncommitted.
    /// </summary>
    void Commit(StreamEnd end);
}

/// <summary>A consumer that also needs the frame's image (overlays, recordings); it must copy what it keeps.</summary>
public interface IFrameImageSink : IFrameSink
{
    void Write(FrameAnalysis frame, Mat image);
}
