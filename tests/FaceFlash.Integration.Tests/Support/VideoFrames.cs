using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>A video's frames, decoded with OpenCV as a reader of FaceFlash's outputs would.</summary>
public static class VideoFrames
{
    public static List<Mat> Read(string video)
    {
        using var capture = new VideoCapture(video);
        Assert.True(capture.IsOpened(), $"{video} does not open");
        var frames = new List<Mat>();
        for (var frame = new Mat(); capture.Read(frame) && !frame.Empty(); frame = new Mat()) frames.Add(frame);
        return frames;
    }
}
