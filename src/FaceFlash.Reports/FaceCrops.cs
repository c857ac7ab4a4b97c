using FaceFlash.Vision.Capture;
using OpenCvSharp;

namespace FaceFlash.Reports;

/// <summary>
/// Small JPEG crops of the face at given moments of the analysed input: a video, or a dataset's image folder (CASME
/// II, SAMM) or pattern, whose images are the frames at the rate the analysis gave them (<c>--sequence-fps</c>).
/// </summary>
public sealed class FaceCrops : IDisposable
{
    private readonly VideoCapture? _capture;
    private readonly ImageFolder? _images;
    private readonly double _imagesPerSecond;

    /// <summary>A live session's raw recording: each frame's session time, which its container's rate only averages.</summary>
    private readonly double[]? _recordedTimes;
    private readonly Mat _frame = new();
    private SquarePixelFrames? _pixels; // the analysis wrote its boxes in square pixels

    /// <param name="input">The analysed video or image folder.</param>
    /// <param name="imagesPerSecond">For an image folder, the rate its images were analysed at.</param>
    public FaceCrops(string input, double imagesPerSecond)
    {
        if (File.Exists(input))
        {
            _capture = new VideoCapture(input);
            _recordedTimes = RecordingSource.TimesFor(input);
        }
        else if (ImageFolder.IsPattern(input) || ImageFolder.IsSequence(input)) (_images, _imagesPerSecond) = (ImageFolder.Open(input), imagesPerSecond);
    }

    /// <summary>A video that can be read (and played beside the events).</summary>
    public bool IsVideo => _capture is { } c && c.IsOpened();

    /// <summary>For an image folder, the image that was the frame at <paramref name="ms"/>; null for a video.</summary>
    public string? ImageFileAt(double ms) => _images?.FileAt(Place(ms));

    /// <summary>An image's place in its sequence (see <see cref="ImageFolder.Place"/>) at <paramref name="ms"/>.</summary>
    private long Place(double ms) => (long)Math.Round(ms * _imagesPerSecond / 1000);

    /// <summary>The face around <paramref name="box"/> at <paramref name="ms"/>, 120 px high, as JPEG bytes; null when unreadable.</summary>
    public byte[]? At(double ms, (double X, double Y, double W, double H)? box)
    {
        if (box is not { } b || !Read(ms)) return null;
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

    private bool Read(double ms)
    {
        if (_images is not null)
        {
            using var image = _images.ImageAt(Place(ms)); // at the depth the analysis read it (16-bit images scaled)
            image.CopyTo(_frame);
            return !_frame.Empty();
        }
        if (!IsVideo) return false;
        if (_recordedTimes is { Length: > 0 } times) _capture!.Set(VideoCaptureProperties.PosFrames, Nearest(times, ms));
        else _capture!.Set(VideoCaptureProperties.PosMsec, ms);
        _pixels ??= new SquarePixelFrames(_capture);
        return _capture.Grab() && _pixels.Retrieve(_capture, _frame);
    }

    /// <summary>The frame whose time is nearest <paramref name="ms"/> (times ascending).</summary>
    private static int Nearest(double[] times, double ms)
    {
        var at = Array.BinarySearch(times, ms);
        if (at >= 0) return at;
        at = ~at;
        return at == 0 ? 0 : at == times.Length || ms - times[at - 1] <= times[at] - ms ? at - 1 : at;
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _pixels?.Dispose();
        _frame.Dispose();
    }
}
