using FaceFlash.Core.Frames;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>A damaged file: where reading goes on past the damage, and what was lost.</summary>
public sealed partial class VideoSource
{
    /// <summary>
    /// Frames of a damaged file that could not be decoded (skipped to resynchronise, or missing at its end), or images
    /// of a folder that could not be — of the <see cref="Part"/> analysed, when not all of it is.
    /// </summary>
    public long FramesUnreadable => _images?.Unreadable ?? _skippedFrames - _damageBeforePart.Frames;

    private long _skippedFrames;

    /// <summary>Places where a damaged file stopped decoding and reading resumed further on (in the <see cref="Part"/> analysed).</summary>
    public int Gaps => _gaps - _damageBeforePart.Gaps;

    private int _gaps;

    /// <summary>
    /// A file's damage already passed when the last frame before the <see cref="Part"/> was read: none of the part's
    /// frames were lost to it. Damage between that frame and the part's first is the part's (its first frames may be lost).
    /// </summary>
    private (long Frames, int Gaps) _damageBeforePart;

    /// <summary>A frame before the <see cref="Part"/> was read: what was found wrong so far is not the part's.</summary>
    private void PassedOver()
    {
        _damageBeforePart = (_skippedFrames, _gaps);
        _images?.PassedOver();
    }

    /// <summary>A file that ends this much before its container says has lost its end.</summary>
    private const double LostEndMs = 1000;

    /// <summary>The latest presentation time read from the file, in its own times: damage is skipped only past it.</summary>
    private double FurthestFileMs => _timeline.FurthestPresentationMs;

    /// <summary>Seeks to <paramref name="ms"/> and whether a frame after the last good one decodes there.</summary>
    private bool DecodesAt(double ms, Mat frame)
    {
        _capture!.Set(VideoCaptureProperties.PosMsec, ms);
        return Grab(frame) && _capture.Get(VideoCaptureProperties.PosMsec) > FurthestFileMs + 500 / NominalFps;
    }

    /// <summary>
    /// A file that stops decoding before the end its container announces is damaged: reading goes on where
    /// <see cref="ResumeSearch"/> finds a frame past the last good one decoding, and the frames skipped are counted;
    /// the frames keep their presentation times, so time stays true across the gap. Finding no such point, it counts
    /// what is missing at the end when that is clearly more than rounding.
    /// </summary>
    private bool Resynchronise(Mat frame)
    {
        if (FrameCount is not { } count || !(NominalFps > 0) || double.IsNaN(FurthestFileMs)) return false;
        var interval = 1000 / NominalFps;
        var endMs = count * interval;
        if (ResumeSearch.Find(FurthestFileMs, interval, endMs, ms => DecodesAt(ms, frame)) is { } resume)
        {
            if (!DecodesAt(resume, frame)) return false; // cannot happen unless the file changes under us
            var at = _capture!.Get(VideoCaptureProperties.PosMsec);
            _gaps++;
            _skippedFrames += Math.Max(1, (long)Math.Round((at - FurthestFileMs) / interval) - 1);
            return true;
        }
        // The count may be the duration's, which is the longest track's: a picture that ends before its sound is whole.
        if (endMs - FurthestFileMs > LostEndMs && !(ContainerSpan.Of(Description) is { } span && span > endMs - LostEndMs))
            _skippedFrames += (long)Math.Round((endMs - FurthestFileMs) / interval) - 1;
        return false;
    }
}
