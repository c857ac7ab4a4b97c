using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>blink-matches.csv</c>, which <c>faceflash eval</c> writes beside <c>flags.csv</c>: where a truth codes every blink,
/// one row per coded blink (<c>found</c>, with the reported blink it matched, or <c>missed</c>) and per reported blink
/// that matched none (<c>false_blink</c>), in time order, so a lab can check its blink coding against the video as it
/// checks expressions with <c>misses.csv</c> and <c>flags.csv</c>. Clips whose truth does not code every blink have no rows.
/// </summary>
public static class BlinkMatchesCsv
{
    public const string FileName = "blink-matches.csv";

    public const string Header = "clip,outcome,coded_onset_ms,coded_offset_ms,reported_onset_ms,reported_offset_ms";

    /// <summary>The outcomes: a coded blink found or missed, a reported one matching none.</summary>
    public const string Found = "found", Missed = "missed", FalseBlink = "false_blink";

    public static string Format(IEnumerable<ClipMatches> clips) => CsvText.Format(Header, clips.SelectMany(Rows), (row, r) =>
    {
        row.Text(r.Clip);
        row.Field(r.Outcome);
        foreach (var blink in new[] { r.Coded, r.Reported })
        {
            if (blink is { } b)
            {
                row.Field(b.OnsetMs, "0.#");
                row.Field(b.OffsetMs, "0.#");
            }
            else
            {
                row.Empty();
                row.Empty();
            }
        }
    });

    private sealed record Row(string Clip, string Outcome, Interval? Coded, Interval? Reported)
    {
        public double OnsetMs => (Coded ?? Reported)!.Value.OnsetMs;
    }

    private static IEnumerable<Row> Rows(ClipMatches clip)
    {
        if (clip.BlinkDetection is not { } d) return [];
        var matchOf = d.Pairs.ToDictionary(p => p.Coded, p => p.Reported);
        var matchedReported = d.Pairs.Select(p => p.Reported).ToHashSet();
        return d.Coded.Select((coded, c) => matchOf.TryGetValue(c, out var r)
                ? new Row(clip.Clip, Found, coded, d.Reported[r])
                : new Row(clip.Clip, Missed, coded, null))
            .Concat(d.Reported.Where((_, r) => !matchedReported.Contains(r)).Select(reported => new Row(clip.Clip, FalseBlink, null, reported)))
            .OrderBy(row => row.OnsetMs);
    }
}
