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
    public const string FileName = "flags.csv";

    public const string Header = "clip,kind,onset_ms,offset_ms,emotion,outcome,iou,coded_kind,coded_onset_ms,coded_offset_ms,coded_emotion";

    public static string Format(IEnumerable<ClipMatches> clips) => CsvText.Format(Header, clips.SelectMany(Rows), (row, r) =>
    {
        row.Text(r.Clip);
        row.Field(r.Flag.Kind);
        row.Field(r.Flag.OnsetMs, "0.#");
        row.Field(r.Flag.OffsetMs, "0.#");
        row.Text(r.Flag.Emotion);
        row.Field(r.Outcome);
        if (r.Coded is not { } coded)
        {
            for (var i = 0; i < 5; i++) row.Empty();
            return;
        }
        row.Field(Span(coded).IntersectionOverUnion(r.Flag.Interval), "0.00");
        row.Field(coded.Kind);
        row.Field(coded.OnsetMs, "0.#");
        row.Field(coded.OffsetMs, "0.#");
        row.Text(coded.Emotion);
    });

    /// <summary>A clip's reported events in time order, each with its outcome and the coded expression that goes with it.</summary>
    private static IEnumerable<(string Clip, PredictedEvent Flag, string Outcome, TruthEvent? Coded)> Rows(ClipMatches clip) =>
        clip.Matched.Select(m => (Clip: clip.Clip, Flag: m.Predicted, Outcome: "matched", Coded: (TruthEvent?)m.Truth))
            .Concat(clip.Unmatched.Select(p => (Clip: clip.Clip, Flag: p, Outcome: "false_flag", Coded: MostOverlapped(p, clip))))
            .OrderBy(r => r.Flag.OnsetMs);

    private static Interval Span(TruthEvent t) => new(t.OnsetMs, t.OffsetMs);

    /// <summary>The coded expression, of any kind, that a false flag overlaps most; null where it overlaps none.</summary>
    private static TruthEvent? MostOverlapped(PredictedEvent flag, ClipMatches clip) =>
        clip.Matched.Select(m => m.Truth).Concat(clip.Missed)
            .Select(t => (Truth: t, Iou: Span(t).IntersectionOverUnion(flag.Interval)))
            .Where(x => x.Iou > 0).OrderByDescending(x => x.Iou).Select(x => x.Truth).FirstOrDefault();
}
