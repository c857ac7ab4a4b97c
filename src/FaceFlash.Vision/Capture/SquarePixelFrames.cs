using FaceFlash.Core.Geometry;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Retrieves a video's frames with square pixels: an anamorphic video's frames are stretched as they are read (see
/// <see cref="SquarePixels"/>), so that everything downstream — faces, landmarks, AUs, overlays, crops — sees and
/// writes the picture as a player shows it. Other videos' frames are retrieved as they are.
/// </summary>
public sealed class SquarePixelFrames : IDisposable
{
    // OpenCV's CAP_PROP_SAR_NUM and CAP_PROP_SAR_DEN, which OpenCvSharp's enumeration does not name.
    private const VideoCaptureProperties SarNumerator = (VideoCaptureProperties)40;
    private const VideoCaptureProperties SarDenominator = (VideoCaptureProperties)41;

    private readonly Mat? _stored;
    private readonly Size _size;

    public SquarePixelFrames(VideoCapture capture)
    {
        var denominator = capture.Get(SarDenominator);
        SampleAspect = denominator > 0 ? capture.Get(SarNumerator) / denominator : double.NaN;
        var quarterTurned = capture.Get(VideoCaptureProperties.OrientationAuto) != 0 && capture.Get(VideoCaptureProperties.OrientationMeta) is 90 or 270;
        var (width, height) = SquarePixels.Size(capture.FrameWidth, capture.FrameHeight, SampleAspect, quarterTurned);
        _size = new Size(width, height);
        if (SquarePixels.IsAnamorphic(SampleAspect)) _stored = new Mat();
    }

    /// <summary>A stored pixel's width over its height, as the container says; NaN when it does not.</summary>
    public double SampleAspect { get; }

    /// <summary>Whether frames are stretched.</summary>
    public bool Stretched => _stored is not null;

    public int Width => _size.Width;
    public int Height => _size.Height;

    /// <summary>Decodes the frame <paramref name="capture"/> has grabbed into <paramref name="frame"/>, with square pixels.</summary>
    public bool Retrieve(VideoCapture capture, Mat frame)
    {
        if (_stored is null) return capture.Retrieve(frame) && !frame.Empty();
        if (!capture.Retrieve(_stored) || _stored.Empty()) return false;
        Cv2.Resize(_stored, frame, _size, interpolation: InterpolationFlags.Linear);
        return true;
    }

    public void Dispose() => _stored?.Dispose();
}
