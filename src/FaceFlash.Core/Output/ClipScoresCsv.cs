using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>clips.csv</c>, which <c>faceflash eval</c> writes beside <c>eval.json</c>: each clip's counts, which the pooled
/// scores add up — for the per-subject or per-video breakdowns papers give (a CASME II subject, a session) and to see
/// where the misses and false flags gather.
/// </summary>
public static class ClipScoresCsv
{
    public const string FileName = "clips.csv";

    public const string Header = HeaderUntil20261206 + ",blinks_found,blinks_false";

    /// <summary>The header before blink detection was scored (its columns added at the end, 2026-12-06): still read.</summary>
    public const string HeaderUntil20261206 = "clip,duration_s,micro_tp,micro_fp,micro_fn,macro_tp,macro_fp,macro_fn,blinks,blinks_flagged_as_micro";

    public static string Format(IEnumerable<ClipMatches> clips) => CsvText.Format(Header, clips.OrderBy(c => c.Clip, StringComparer.Ordinal), (row, clip) =>
    {
        row.Text(clip.Clip);
        row.Field(clip.DurationMs / 1000, "0.###");
        foreach (var kind in new[] { "micro", "macro" })
        {
            row.Field(clip.Matched.Count(m => m.Truth.Kind == kind));
            row.Field(clip.Unmatched.Count(u => u.Kind == kind));
            row.Field(clip.Missed.Count(m => m.Kind == kind));
        }
        row.Field(clip.Blinks);
        row.Field(clip.BlinksFlaggedAsMicro);
        // Blink detection only where the truth lists every blink (GroundTruth.BlinksComplete); empty elsewhere.
        if (clip.BlinkDetection is { } blinks)
        {
            row.Field(blinks.Found);
            row.Field(blinks.False);
        }
        else
        {
            row.Empty();
            row.Empty();
        }
    });
}
