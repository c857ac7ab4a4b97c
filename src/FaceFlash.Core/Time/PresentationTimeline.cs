namespace FaceFlash.Core.Time;

/// <summary>
/// Turns a file's presentation times, frame by frame as its reader gives them, into the frames' times: milliseconds
/// of real time that never run backwards. Three things a reader hands over are not yet such times:
/// <list type="bullet">
/// <item>a high-speed camera's export declares the rate it plays at, not the rate it captured at (its times are
/// scaled to the capture rate);</item>
/// <item>a file joined from separate recordings (<c>cat</c> of transport-stream segments) starts each part's clock
/// again (the frames after keep their spacing, shifted to follow on one frame interval after the frame before);</item>
/// <item>FFmpeg's reader gives 0 for a frame without a presentation time — an MPEG-2 program stream's last frame,
/// drained from the decoder after the file's end (it follows the frame before by one interval).</item>
/// </list>
/// </summary>
public sealed class PresentationTimeline
{
    private readonly double _declaredFps;
    private readonly double? _captureFps;
    private double _timeShiftMs, _lastTimeMs = double.NaN, _firstPresentationMs = double.NaN;
    private bool _timeScaleFitted;

    /// <param name="declaredFps">the rate the container declares (0 or less where it declares none: taken as 25 fps)</param>
    /// <param name="captureFps">the rate a high-speed camera captured at, when the file plays slower; null when the file's times are real time</param>
    public PresentationTimeline(double declaredFps, double? captureFps = null)
    {
        _declaredFps = declaredFps;
        _captureFps = captureFps;
        if (captureFps is { } captured && declaredFps > 0) TimeScale = declaredFps / captured;
    }

    /// <summary>
    /// How the file's own times are scaled to real time: its frame interval over the interval of the rate its camera
    /// captured at, where that was given (a high-speed camera's 1000 fps exported for playback at 30: 0.03); 1 otherwise.
    /// </summary>
    public double TimeScale { get; private set; } = 1;

    /// <summary>The frame interval in real time.</summary>
    public double FrameIntervalMs => (_declaredFps > 0 ? 1000 / _declaredFps : 40) * TimeScale;

    /// <summary>Places where the presentation times ran backwards, each a part of the file that starts its clock again.</summary>
    public int Restarts { get; private set; }

    /// <summary>The latest presentation time read, in the file's own times (NaN before the first frame).</summary>
    public double FurthestPresentationMs { get; private set; } = double.NaN;

    /// <summary>The next frame's time in real milliseconds, from the presentation time its reader gives.</summary>
    public double Next(double presentationMs)
    {
        var first = double.IsNaN(_lastTimeMs);
        if (presentationMs == 0 && !first) return _lastTimeMs += FrameIntervalMs;
        if (!(presentationMs <= FurthestPresentationMs)) FurthestPresentationMs = presentationMs;
        FitTimeScale(presentationMs);
        var scaled = presentationMs * TimeScale;
        var time = scaled + _timeShiftMs;
        if (time < _lastTimeMs - FrameIntervalMs / 2) // backwards by more than a timestamp's rounding
        {
            Restarts++;
            _timeShiftMs = _lastTimeMs + FrameIntervalMs - scaled;
            time = scaled + _timeShiftMs;
        }
        return _lastTimeMs = time;
    }

    /// <summary>
    /// The file's frame interval is taken from its first two frames' times, exact for the constant rate high-speed
    /// cameras export at: the rate a container declares is rounded (FFmpeg's average gave 3.129 for an export at 3.125,
    /// which moved every time by 0.1 % and changed which events were found). Until then the declared rate stands in.
    /// </summary>
    private void FitTimeScale(double presentationMs)
    {
        if (_captureFps is not { } captured || _timeScaleFitted) return;
        if (double.IsNaN(_firstPresentationMs)) _firstPresentationMs = presentationMs;
        else if (presentationMs > _firstPresentationMs)
        {
            TimeScale = 1000 / captured / (presentationMs - _firstPresentationMs);
            _timeScaleFitted = true;
        }
    }
}
