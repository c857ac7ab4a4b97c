using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;

namespace FaceFlash.Pipeline.Live;

/// <summary>
/// What an experimenter can do to a running session — from the window's keys or the control room's buttons alike:
/// quit, pause the display, mark a moment (with an optional label), retake the neutral baseline, start or stop
/// recording the overlay. Each takes effect at the next frame.
/// </summary>
public sealed class LiveControls(Action quit, Action togglePause, Action rebase, Action toggleRecording, MarkersWriter markers, Func<FrameEnvelope?> currentFrame,
    JsonLinesWriter? json, Func<long> dropped, WallClock wall)
{
    /// <summary>The session's one map from its monotonic clock to the wall clock (markers, JSON lines, viewers all use it).</summary>
    public WallClock Wall => wall;

    /// <summary>Frames the session has dropped so far to stay real-time.</summary>
    public long Dropped => dropped();

    public void Quit() => quit();
    public void TogglePause() => togglePause();
    public void Rebase() => rebase();
    public void ToggleRecording() => toggleRecording();

    /// <summary>Raised after each marker is written (the control room shows it), from whichever thread marked.</summary>
    public event Action<FrameEnvelope, string>? Marked;

    /// <summary>The most characters a marker's label keeps: a stimulus name or a note, not a document pasted by mistake.</summary>
    public const int MaxLabelLength = 200;

    /// <summary>
    /// Marks the frame now on screen; false before the first frame has been shown. The label is kept on one line
    /// (a row per marker, whatever reads it), trimmed and cut at <see cref="MaxLabelLength"/>, the same in the markers
    /// file, the JSON lines and the control room.
    /// </summary>
    public bool Mark(string label = "")
    {
        if (currentFrame() is not { } frame) return false;
        label = label.Replace('\n', ' ').Replace('\r', ' ').Trim();
        if (label.Length > MaxLabelLength) label = label[..MaxLabelLength];
        markers.Mark(frame, label);
        json?.Marker(frame, label);
        Marked?.Invoke(frame, label);
        return true;
    }
}
