using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>Where a pipeline's frames come from: a video, camera or stream (<see cref="VideoSource"/>), or a test's fake.</summary>
public interface IFrameSource
{
    int Width { get; }
    int Height { get; }

    /// <summary>Reads the next frame into <paramref name="image"/> and returns its envelope, or null at the end.</summary>
    FrameEnvelope? Read(Mat image);
}
