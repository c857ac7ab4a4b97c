using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>flags.csv</c>, which <c>faceflash eval</c> writes beside <c>misses.csv</c>: one row per reported event, whether it
/// matched a coded expression (<c>matched</c>) or is a false flag (<c>false_flag</c>), with the coded expression it
/// matched — or, for a false flag, the one it overlaps most (another kind, or too little overlap: IoU under 0.5), empty
/// where it overlaps none. With <c>misses.csv</c> (the coded expressions not found) every item of the score has a row,
/// so a lab can read its false flags against the video.
/// </summary>
public static class FlagsCsv
{
    public const string Header = "clip,kind,onset_ms,offset_ms,emotion,outcome,iou,coded_kind,coded_onset_ms,coded_offset_ms,coded_emotion";

    public static string Format(IEnumerable<ClipMatches> clips)
    {
        using var text = new StringWriter();
        text.Write(Header + "\n");
        var row = new CsvRowWriter(text);
        foreach (var clip in clips)
        {
            var rows = clip.Matched.Select(m => (m.Predicted, Outcome: "matched", (TruthEvent?)m.Truth))
                .Concat(clip.Unmatched.Select(p => (Predicted: p, Outcome: "false_flag", MostOverlapped(p, clip))))
                .OrderBy(r => r.Predicted.OnsetMs);
            foreach (var (predicted, outcome, truth) in rows)
            {
                row.Text(clip.Clip);
                row.Field(predicted.Kind);
                row.Field(predicted.OnsetMs, "0.#");
                row.Field(predicted.OffsetMs, "0.#");
                row.Text(predicted.Emotion);
                row.Field(outcome);
                if (truth is null)
                {
                    for (var i = 0; i < 5; i++) row.Empty();
                }
                else
                {
                    row.Field(Span(truth).IntersectionOverUnion(predicted.Interval), "0.00");
                    row.Field(truth.Kind);
                    row.Field(truth.OnsetMs, "0.#");
                    row.Field(truth.OffsetMs, "0.#");
                    row.Text(truth.Emotion);
                }
                row.EndRow();
            }
        }
        return text.ToString();
    }

    private static Interval Span(TruthEvent t) => new(t.OnsetMs, t.OffsetMs);

    /// <summary>The coded expression, of any kind, that a false flag overlaps most; null where it overlaps none.</summary>
    private static TruthEvent? MostOverlapped(PredictedEvent flag, ClipMatches clip) =>
        clip.Matched.Select(m => m.Truth).Concat(clip.Missed)
            .Select(t => (Truth: t, Iou: Span(t).IntersectionOverUnion(flag.Interval)))
            .Where(x => x.Iou > 0).OrderByDescending(x => x.Iou).Select(x => x.Truth).FirstOrDefault();
}
