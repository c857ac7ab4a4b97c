using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Live;

/// <summary>
/// Machine-readable lines on stdout for other lab software: one JSON object per line, flushed at once —
/// <c>{"type":"event",…}</c>, <c>{"type":"blink",…}</c> and optionally <c>{"type":"frame",…}</c>.
/// </summary>
public sealed class JsonLinesWriter(TextWriter output)
{
    private readonly Lock _lock = new();

    // '+' in "AU06+AU12" stays readable; the lines go to programs, not into HTML.
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Event(ExpressionEvent e, double latencyMs) => Line(new Dictionary<string, object>
    {
        ["type"] = "event", ["face_id"] = e.FaceId, ["kind"] = e.KindName, ["onset_ms"] = Math.Round(e.OnsetMs, 1),
        ["apex_ms"] = Math.Round(e.ApexMs, 1), ["offset_ms"] = Math.Round(e.OffsetMs, 1), ["duration_ms"] = Math.Round(e.DurationMs, 1),
        ["emotion"] = EmotionNames.Name(e.Emotion), ["aus"] = e.Aus, ["confidence"] = Math.Round(e.Confidence, 3),
        ["flagged_ms"] = Math.Round(e.FlaggedAtMs, 1), ["latency_ms"] = Math.Round(latencyMs, 1),
        ["truncated"] = e.Truncated,
    });

    public void Blink(BlinkEvent b) => Line(new Dictionary<string, object>
    {
        ["type"] = "blink", ["face_id"] = b.FaceId, ["onset_ms"] = Math.Round(b.OnsetMs, 1), ["offset_ms"] = Math.Round(b.OffsetMs, 1),
    });

    public void Frame(double timestampMs, FaceObservation face)
    {
        var aus = new Dictionary<string, double>();
        foreach (var au in ActionUnitInfo.All)
            if (face.AuValid.Contains(au)) aus[au.ToString()] = Math.Round(face.ActionUnits[(int)au], 2);
        Line(new Dictionary<string, object> { ["type"] = "frame", ["timestamp_ms"] = Math.Round(timestampMs, 1), ["face_id"] = face.FaceId, ["aus"] = aus });
    }

    private void Line(Dictionary<string, object> fields)
    {
        var json = JsonSerializer.Serialize(fields, Options);
        lock (_lock)
        {
            output.WriteLine(json);
            output.Flush();
        }
    }
}
