using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Time;
using FaceFlash.Pipeline;
using OpenCvSharp;

namespace FaceFlash.Web;

/// <summary>
/// The live session's view for the browser: each processed frame's JPEG and state (boxes, iBUG-68 points and AU
/// values per face — the page draws the overlay itself, so each viewer can switch it off), the events as they are
/// flagged with the frames nearest their onset and apex, and the markers. Every event is kept; frames are the latest only.
/// </summary>
public sealed class ControlRoom : IFrameImageSink, IDisposable
{
    /// <summary>How far back frames are kept for the onset and apex pictures of events.</summary>
    private const double PictureHistoryMs = 6000;

    private static readonly int[] Quality = [(int)ImwriteFlags.JpegQuality, 80];

    /// <summary>
    /// The viewers' video is at most this wide: encoding (here) and decoding (in every browser) a 1280×720 JPEG 60
    /// times a second took CPU the analysis needed on a 2-core machine and delayed every frame. The overlay is drawn
    /// in the frame's own pixels, so it lines up at any preview size; the raw recording keeps the full frame.
    /// </summary>
    public const int PreviewMaxWidth = 640;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Mat _preview = new();
    private readonly Queue<(double TimestampMs, byte[] Jpeg)> _history = new();
    private readonly List<SessionNote> _notes = [];
    private readonly Lock _notesLock = new();
    private readonly Func<long> _dropped;
    private readonly WallClock _wall;
    private int _width, _height;
    private double _lastMs = double.NaN;
    private double _fps;

    public ControlRoom(Func<long> dropped, WallClock wall) => (_dropped, _wall) = (dropped, wall);

    public FrameBroadcast Frames { get; } = new();

    /// <summary>Grab → shown latencies the viewers' pages report, per viewer.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, LatencyStats> ViewerLatency { get; } = new();

    /// <summary>Events and markers so far, in order; each viewer reads on from where it is.</summary>
    public IReadOnlyList<SessionNote> NotesFrom(int index)
    {
        lock (_notesLock) return index >= _notes.Count ? [] : _notes.GetRange(index, _notes.Count - index);
    }

    /// <summary>A picture kept for an event (by its note index and "onset" or "apex").</summary>
    public byte[]? Picture(int note, string which)
    {
        lock (_notesLock)
            return note >= 0 && note < _notes.Count && _notes[note] is EventNote e ? which == "onset" ? e.Onset : which == "apex" ? e.Apex : null : null;
    }

    /// <summary>Notes a hand marker (the control room's own and the window's alike).</summary>
    public void AddMarker(FrameEnvelope frame, string label) =>
        Add(new MarkerNote(frame.Index + 1, Math.Round(frame.OriginatingTimeMs, 1), label));

    public void Write(FrameAnalysis frame) => throw new InvalidOperationException("the control room needs the frame's image");

    public void Write(FrameAnalysis frame, Mat image)
    {
        (_width, _height) = (image.Width, image.Height);
        if (!double.IsNaN(_lastMs) && frame.TimestampMs > _lastMs)
            _fps = _fps == 0 ? 1000 / (frame.TimestampMs - _lastMs) : 0.9 * _fps + 0.1 * (1000 / (frame.TimestampMs - _lastMs));
        _lastMs = frame.TimestampMs;
        var preview = image;
        if (image.Width > PreviewMaxWidth)
        {
            Cv2.Resize(image, _preview, new Size(PreviewMaxWidth, (int)Math.Round((double)image.Height * PreviewMaxWidth / image.Width)),
                interpolation: InterpolationFlags.Area);
            preview = _preview;
        }
        Cv2.ImEncode(".jpg", preview, out var jpeg, Quality);
        _history.Enqueue((frame.TimestampMs, jpeg));
        while (_history.Count > 0 && _history.Peek().TimestampMs < frame.TimestampMs - PictureHistoryMs) _history.Dequeue();
        foreach (var e in frame.Events) Add(Describe(e));
        Frames.Publish(frame.TimestampMs, jpeg, State(frame));
    }

    public void Commit(StreamEnd end)
    {
        foreach (var e in end.Events) Add(Describe(e));
        Add(new EndNote(end.Events.Count));
        Frames.Release();
    }

    private void Add(SessionNote note)
    {
        lock (_notesLock) _notes.Add(note);
        Frames.Release(); // wake the viewers: a note is news even without a new frame
    }

    public void Dispose() => _preview.Dispose();

    private EventNote Describe(ExpressionEvent e) => new(e.FaceId, e.KindName, Math.Round(e.OnsetMs, 1), Math.Round(e.ApexMs, 1),
        Math.Round(e.OffsetMs, 1), EmotionNames.Name(e.Emotion), e.Aus, Math.Round(e.Confidence, 2), e.Truncated, Nearest(e.OnsetMs), Nearest(e.ApexMs));

    private byte[]? Nearest(double ms)
    {
        byte[]? best = null;
        var distance = double.MaxValue;
        foreach (var (t, jpeg) in _history)
            if (Math.Abs(t - ms) < distance) (best, distance) = (jpeg, Math.Abs(t - ms));
        return distance <= 100 ? best : null;
    }

    private string State(FrameAnalysis frame)
    {
        var faces = frame.Faces.Where(f => f.Success).Select(f => new
        {
            id = f.FaceId,
            confidence = Math.Round(f.Confidence, 2),
            box = new[] { Math.Round(f.Box.X, 1), Math.Round(f.Box.Y, 1), Math.Round(f.Box.Width, 1), Math.Round(f.Box.Height, 1) },
            points = Ibug68.MeshIndex.SelectMany(i => new[] { Math.Round(f.Landmarks[i].X, 1), Math.Round(f.Landmarks[i].Y, 1) }),
            aus = f.AuStatus == ActionUnitStatus.Measured
                ? ActionUnitInfo.Bilateral.Where(f.AuValid.Contains).ToDictionary(a => a.ToString(), a => Math.Round(f.ActionUnits[(int)a], 2))
                : [],
            // Nothing this face does can be reported yet (its first second, or its reference's).
            forming_levels = frame.FormingLevels.Contains(f.FaceId),
        });
        return JsonSerializer.Serialize(new
        {
            frame = frame.Index + 1,
            timestamp_ms = Math.Round(frame.TimestampMs, 1),
            width = _width,
            height = _height,
            fps = Math.Round(_fps, 1),
            // The wall clock at grab: a browser on the same machine measures grab → shown from it.
            grabbed_unix_ms = _wall.At(frame.Envelope.GrabbedAtMs).ToUnixTimeMilliseconds(),
            dropped = _dropped(),
            faces,
        }, Json);
    }
}

/// <summary>Something that happened in the session, for the page's event list and timeline.</summary>
public abstract record SessionNote;

public sealed record EventNote(int FaceId, string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion, string Aus,
    double Confidence, bool Truncated, byte[]? Onset, byte[]? Apex) : SessionNote;

public sealed record MarkerNote(long Frame, double TimestampMs, string Label) : SessionNote;

public sealed record EndNote(int LastEvents) : SessionNote;
