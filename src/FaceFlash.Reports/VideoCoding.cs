using FaceFlash.Core.Output;

namespace FaceFlash.Reports;

/// <summary>A coded expression, and why FaceFlash missed it (the reason <c>misses.csv</c> gives) where it did.</summary>
/// <param name="Aus">the AUs its coding names (<c>AU01+AU04</c>), where <c>misses.csv</c> gives them; empty where not</param>
/// <param name="ReportedAs">where it was found, the emotion FaceFlash reported for it</param>
public sealed record CodedExpression(string Kind, double OnsetMs, double OffsetMs, string Emotion, string? MissedBecause, string Aus = "", string? ReportedAs = null)
{
    public bool Found => MissedBecause is null;
}

/// <summary>A reported event as <c>faceflash eval</c> judged it (a row of <c>flags.csv</c>).</summary>
/// <param name="Coded">the coded expression it matched, or, for a false flag, the one it overlaps most; null where it overlaps none</param>
public sealed record JudgedEvent(string Kind, double OnsetMs, double OffsetMs, string Emotion, bool Matched, double? Iou, CodedExpression? Coded);

/// <summary>
/// A blink as <c>faceflash eval</c> judged it (a row of <c>blink-matches.csv</c>; <paramref name="Outcome"/> one of
/// <see cref="BlinkMatchesCsv"/>'s): a coded one found or missed, at its coded times, or a reported one where none was coded.
/// </summary>
public sealed record JudgedBlink(string Outcome, double OnsetMs, double OffsetMs);

/// <summary>One video's counts against its coding (its row of <c>clips.csv</c>).</summary>
public sealed record CodingCounts(int MicroFound, int MicroFalse, int MicroMissed, int MacroFound, int MacroFalse, int MacroMissed);

/// <summary>One video's results as <c>faceflash eval</c> scored them against its coding, read back for its report page.</summary>
/// <param name="Clip">the video as the coding names it</param>
/// <param name="ScoredAtUtc">when eval wrote its files (a tracked video drawn before it lacks the coding)</param>
/// <param name="Blinks">its blinks judged against a coding of every blink; null where the coding does not list every blink</param>
public sealed record VideoCoding(string Clip, CodingCounts Counts, IReadOnlyList<JudgedEvent> Events, IReadOnlyList<CodedExpression> Coded, DateTime ScoredAtUtc,
    IReadOnlyList<JudgedBlink>? Blinks)
{
    /// <summary>flags.csv gives times to a tenth of a millisecond.</summary>
    private const double Rounding = 0.051;

    /// <summary>How eval judged a reported event; null for one it did not score.</summary>
    public JudgedEvent? Of(ReportEvent e) =>
        Events.FirstOrDefault(j => j.Kind == e.Kind && Math.Abs(j.OnsetMs - e.OnsetMs) <= Rounding && Math.Abs(j.OffsetMs - e.OffsetMs) <= Rounding);
}
