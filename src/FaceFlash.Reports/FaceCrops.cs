using FaceFlash.Vision.Capture;
using OpenCvSharp;

namespace FaceFlash.Reports;

/// <summary>Small JPEG crops of the face at given moments of the video, for the events table.</summary>
public sealed class FaceCrops(string video) : IDisposable
{
    private readonly VideoCapture? _capture = File.Exists(video) ? new VideoCapture(video) : null;
    private readonly Mat _frame = new();
    private SquarePixelFrames? _pixels; // the analysis wrote its boxes in square pixels

    public bool Available => _capture is { } c && c.IsOpened();

    /// <summary>The face around <paramref name="box"/> at <paramref name="ms"/>, 120 px high, as JPEG bytes; null when unreadable.</summary>
    public byte[]? At(double ms, (double X, double Y, double W, double H)? box)
    {
        if (!Available || box is not { } b) return null;
        _capture!.Set(VideoCaptureProperties.PosMsec, ms);
        _pixels ??= new SquarePixelFrames(_capture);
        if (!_capture.Grab() || !_pixels.Retrieve(_capture, _frame)) return null;
        var margin = 0.15 * Math.Max(b.W, b.H);
        var rect = new Rect((int)(b.X - margin), (int)(b.Y - margin), (int)(b.W + 2 * margin), (int)(b.H + 2 * margin))
            .Intersect(new Rect(0, 0, _frame.Width, _frame.Height));
        if (rect.Width < 4 || rect.Height < 4) return null;
        using var crop = new Mat(_frame, rect);
        using var small = new Mat();
        Cv2.Resize(crop, small, new Size(Math.Max(1, rect.Width * 120 / rect.Height), 120), interpolation: InterpolationFlags.Area);
        Cv2.ImEncode(".jpg", small, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 85));
        return jpeg;
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _pixels?.Dispose();
        _frame.Dispose();
    }
}
