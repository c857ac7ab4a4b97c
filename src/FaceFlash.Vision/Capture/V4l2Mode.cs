using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>A camera's capture mode through OpenCV's V4L2 interface: asked for, and read back.</summary>
internal static class V4l2Mode
{
    /// <summary>
    /// Asks V4L2 for a mode: the pixel format first, then the size, then the rate, as drivers choose each within the one
    /// before. A driver without the mode falls back to its nearest without an error, so what it gives is read back.
    /// </summary>
    public static void Ask(VideoCapture capture, CameraMode mode)
    {
        if (mode.Format?.ToUpperInvariant() is { Length: 4 } code)
            capture.Set(VideoCaptureProperties.FourCC, VideoWriter.FourCC(code[0], code[1], code[2], code[3]));
        if (mode is { Width: { } width, Height: { } height })
        {
            capture.Set(VideoCaptureProperties.FrameWidth, width);
            capture.Set(VideoCaptureProperties.FrameHeight, height);
        }
        if (mode.Fps is { } fps) capture.Set(VideoCaptureProperties.Fps, fps);
    }

    /// <summary>The pixel format a camera delivers, as its four characters in lower case (<c>mjpg</c>, <c>yuyv</c>).</summary>
    public static string FormatOf(VideoCapture capture)
    {
        var code = (int)capture.Get(VideoCaptureProperties.FourCC);
        return new string([.. Enumerable.Range(0, 4).Select(i => (char)((code >> (8 * i)) & 0xFF))]).TrimEnd('\0').ToLowerInvariant();
    }
}
