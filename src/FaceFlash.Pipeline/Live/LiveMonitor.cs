using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Time;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Pipeline.Live;

/// <summary>
/// The last stage of a live session: measures capture and processing rates and latencies, draws the overlay (with the
/// events and blinks flagged on each frame, read from the frame itself) and hands it to the window (unless paused) and
/// the recorder, and streams JSON lines. Event latency is measured from the event's offset to its flag: the
/// segmenter's hold plus the time the flagging frame took from grab to here.
/// </summary>
public sealed class LiveMonitor(
    LiveOverlay overlay,
    OverlayWindow? window,
    JsonLinesWriter? json,
    bool jsonPerFrame,
    Func<long> dropped,
    SegmenterOptions segmenter,
    Func<string> recordingPath,
    string? snapshotPath) : IFrameImageSink, IDisposable
{
    private readonly Mat _canvas = new();
    private readonly IClock _clock = MonotonicClock.Shared;
    private readonly RateMeter _capture = new();
    private readonly RateMeter _processing = new();
    private VideoWriter? _recorder;
    private readonly Lock _currentLock = new();
    private FrameEnvelope? _current;

    /// <summary>The last frame this monitor handled (the one on screen), or null before the first; read from any thread.</summary>
    public FrameEnvelope? CurrentFrame
    {
        get { lock (_currentLock) return _current; }
    }
    private bool _recordRequested;

    /// <summary>Grab → overlay drawn (or, without a window, grab → processed).</summary>
    public LatencyStats FrameLatency { get; } = new();

    /// <summary>Event offset → flag.</summary>
    public LatencyStats EventLatency { get; } = new();

    public bool Paused { get; set; }
    public int Recordings { get; private set; }

    /// <summary>Draws one blank frame off screen so the drawing code is compiled before the first real frame.</summary>
    public void Rehearse(int width, int height)
    {
        using var blank = new Mat(height, width, MatType.CV_8UC3, Scalar.Black);
        using var canvas = new Mat();
        new LiveOverlay().Draw(blank, canvas, [], 0, _clock.NowMs, new OverlayStatus(0, 0, 0, 0, 0, "rehearsal"));
    }

    /// <summary>Starts or stops recording the overlay (taken up at the next frame, on the output task).</summary>
    public void ToggleRecording() => _recordRequested = !_recordRequested;

    public void Write(FrameAnalysis frame) => throw new InvalidOperationException("the live monitor needs the frame's image");

    public void Write(FrameAnalysis frame, Mat image)
    {
        lock (_currentLock) _current = frame.Envelope;
        var now = _clock.NowMs;
        var grabbedAt = frame.Envelope.GrabbedAtMs;
        _capture.Tick(grabbedAt);
        _processing.Tick(now);
        foreach (var e in frame.Events)
        {
            var latency = e.FlaggedAtMs - e.OffsetMs + (now - grabbedAt);
            EventLatency.Add(latency);
            json?.Event(e, latency, frame.Envelope);
            overlay.Flag(e, now);
        }
        foreach (var b in frame.Blinks) json?.Blink(b, frame.Envelope);
        if (jsonPerFrame && json is not null)
            foreach (var face in frame.Faces)
                if (face is { Success: true, AuStatus: ActionUnitStatus.Measured }) json.Frame(frame.Envelope, face, frame.FormingLevels.Contains(face.FaceId));

        if (window is null && !_recordRequested && _recorder is null && snapshotPath is null)
        {
            FrameLatency.Add(now - grabbedAt);
            return;
        }
        overlay.Draw(image, _canvas, frame.Faces, frame.TimestampMs, now, Status(now), frame.FormingLevels);
        FrameLatency.Add(_clock.NowMs - grabbedAt);
        if (window is not null && !Paused) window.Show(_canvas);
        Record(now);
    }

    private OverlayStatus Status(double now)
    {
        var captureFps = _capture.PerSecond(now);
        var warning = captureFps > 5 && segmenter.ResolutionWarning(captureFps) is not null
            ? $"{captureFps:0} fps is too slow to resolve {segmenter.MicroMinMs:0} ms micro-expressions"
            : null;
        return new OverlayStatus(captureFps, _processing.PerSecond(now), FrameLatency.Percentile(50), FrameLatency.Percentile(99), dropped(), warning);
    }

    /// <summary>The overlay recording, at the rate frames are being processed (a 25 fps session plays back in its own time).</summary>
    private void Record(double now)
    {
        if (_recordRequested && _recorder is null)
        {
            var fps = _processing.PerSecond(now);
            _recorder = new VideoWriter(recordingPath(), FourCC.MJPG, fps >= 1 ? fps : 30, new Size(_canvas.Width, _canvas.Height));
            Recordings++;
        }
        else if (!_recordRequested && _recorder is not null)
        {
            _recorder.Dispose();
            _recorder = null;
        }
        _recorder?.Write(_canvas);
    }

    public void Commit(StreamEnd end)
    {
        // Flagged when the stream ended: they belong to its last frame.
        var last = CurrentFrame ?? default;
        foreach (var e in end.Events) json?.Event(e, e.FlaggedAtMs - e.OffsetMs, last);
        foreach (var b in end.Blinks) json?.Blink(b, last);
        _recordRequested = false;
        _recorder?.Dispose();
        _recorder = null;
        if (snapshotPath is not null && !_canvas.Empty() && !Cv2.ImWrite(snapshotPath, _canvas))
            Serilog.Log.Error("the snapshot {Snapshot} could not be written", snapshotPath); // the session's own files are already safe
    }

    public void Dispose()
    {
        _recorder?.Dispose();
        _canvas.Dispose();
    }
}
