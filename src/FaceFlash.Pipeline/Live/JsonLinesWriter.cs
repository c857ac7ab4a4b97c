using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Time;

namespace FaceFlash.Pipeline.Live;

/// <summary>
/// Machine-readable lines on stdout for other lab software: one JSON object per line, flushed at once —
/// <c>{"type":"event",…}</c>, <c>{"type":"blink",…}</c> and optionally <c>{"type":"frame",…}</c>. Every line names
/// the frame it came from: <c>frame</c> (1-based, as in the frames CSV and the raw recording's timestamps),
/// <c>timestamp_ms</c> (its originating time, the stream's milliseconds), and the wall clock when it was grabbed,
/// <c>wall_clock_utc</c> (ISO 8601) and <c>unix_ms</c>, so lines line up with other lab recordings.
/// </summary>
public sealed class JsonLinesWriter(TextWriter output, WallClock wall)
{
    private readonly Lock _lock = new();

    // '+' in "AU06+AU12" stays readable; the lines go to programs, not into HTML.
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Event(ExpressionEvent e, double latencyMs, FrameEnvelope frame) => Line(frame, new Dictionary<string, object>
    {
        ["type"] = "event", ["face_id"] = e.FaceId, ["kind"] = e.KindName, ["onset_ms"] = Math.Round(e.OnsetMs, 1),
        ["apex_ms"] = Math.Round(e.ApexMs, 1), ["offset_ms"] = Math.Round(e.OffsetMs, 1), ["duration_ms"] = Math.Round(e.DurationMs, 1),
        ["emotion"] = EmotionNames.Name(e.Emotion), ["aus"] = e.Aus, ["confidence"] = Math.Round(e.Confidence, 3),
        ["flagged_ms"] = Math.Round(e.FlaggedAtMs, 1), ["latency_ms"] = Math.Round(latencyMs, 1),
        ["truncated"] = e.Truncated, ["onset_frame"] = e.OnsetFrame, ["apex_frame"] = e.ApexFrame, ["offset_frame"] = e.OffsetFrame,
    });

    public void Blink(BlinkEvent b, FrameEnvelope frame) => Line(frame, new Dictionary<string, object>
    {
        ["type"] = "blink", ["face_id"] = b.FaceId, ["onset_ms"] = Math.Round(b.OnsetMs, 1), ["offset_ms"] = Math.Round(b.OffsetMs, 1),
        ["onset_frame"] = b.OnsetFrame, ["offset_frame"] = b.OffsetFrame, ["truncated"] = b.Truncated,
    });

    public void Marker(FrameEnvelope frame, string label) => Line(frame, new Dictionary<string, object> { ["type"] = "marker", ["label"] = label });

    /// <summary>
    /// One face in one frame: its head pose (as in the frames CSV), its AUs, and whether its levels were still forming
    /// (nothing it did then can be reported).
    /// </summary>
    public void Frame(FrameEnvelope frame, FaceObservation face, bool formingLevels)
    {
        var aus = new Dictionary<string, double>();
        foreach (var au in ActionUnitInfo.All)
            if (face.AuValid.Contains(au)) aus[au.ToString()] = Math.Round(face.ActionUnits[(int)au], 2);
        var p = face.Pose;
        Line(frame, new Dictionary<string, object>
        {
            ["type"] = "frame", ["face_id"] = face.FaceId, ["confidence"] = Math.Round(face.Confidence, 3),
            ["pose"] = new Dictionary<string, double>
            {
                ["Tx"] = Math.Round(p.Tx, 1), ["Ty"] = Math.Round(p.Ty, 1), ["Tz"] = Math.Round(p.Tz, 1),
                ["Rx"] = Math.Round(p.Rx, 4), ["Ry"] = Math.Round(p.Ry, 4), ["Rz"] = Math.Round(p.Rz, 4),
            },
            ["aus"] = aus,
            ["forming_levels"] = formingLevels,
        });
    }

    private void Line(FrameEnvelope frame, Dictionary<string, object> fields)
    {
        var grabbed = wall.At(frame.GrabbedAtMs);
        fields["frame"] = frame.Index + 1;
        fields["timestamp_ms"] = Math.Round(frame.OriginatingTimeMs, 1);
        fields["wall_clock_utc"] = WallClock.Iso(grabbed);
        fields["unix_ms"] = grabbed.ToUnixTimeMilliseconds();
        var json = JsonSerializer.Serialize(fields, Options);
        lock (_lock)
        {
            output.WriteLine(json);
            output.Flush();
        }
    }
}
