using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Scoring;

/// <summary>A candidate movement read back from <c>&lt;stem&gt;.unreported.csv</c>: when, why it was not reported, and its AUs.</summary>
public sealed record UnreportedRow(int FaceId, double OnsetMs, double OffsetMs, string Reason, string Aus)
{
    public Interval Interval => new(OnsetMs, OffsetMs);
}

/// <summary>
/// An expression of the ground truth that was not found, and why (<see cref="MissedExpressions"/>), with the candidate
/// movement that overlaps it most, when one does: its overlap (IoU), span, what became of it and its AUs.
/// </summary>
public sealed record MissedExpression(string Clip, TruthEvent Truth, string Reason, double Overlap, Interval? Candidate, string CandidateOutcome,
    string CandidateAus);

/// <summary>
/// Says why each missed expression was missed, from what the analysis reported and what it left out with a reason
/// (<c>&lt;stem&gt;.unreported.csv</c>): the candidate — reported or not — that overlaps the expression most in time
/// stands for it. A candidate that merely touches it is usually another movement (a word around a brief brow raise),
/// so below <see cref="SameMovementIou"/> the expression counts as having formed no candidate of its own.
/// (Attributing each miss to the first candidate that touched it instead blamed speech for 18 of the tuning set's 60
/// micro-expressions, where 3 were speech movements; docs/measurements-log.md, thirteenth session.)
/// </summary>
public static class MissedExpressions
{
    /// <summary>The overlap (IoU) from which a candidate is taken for the missed expression itself.</summary>
    public const double SameMovementIou = 0.3;

    /// <summary>A reported event was the same movement, with another kind or timing than the truth's (IoU under 0.5).</summary>
    public const string ReportedOtherwise = "reported_with_other_kind_or_timing";

    /// <summary>Candidates overlapped the expression, each too little to be it: it was part of another movement at most.</summary>
    public const string InsideAnotherMovement = "inside_another_movement";

    /// <summary>No candidate overlapped it: no AU rose out of its noise band.</summary>
    public const string NoCandidate = "no_candidate";

    /// <summary>
    /// No candidate of its own, and on most of its frames no face was measured (<see cref="MeasuredFrames"/>): not
    /// followed, its AUs not measured, or set aside with a reference retaken too soon. Missed unseen, not judged.
    /// </summary>
    public const string NotMeasured = "not_measured";

    /// <summary>The share of an expression's frames measured below which a miss with no candidate of its own was unseen.</summary>
    public const double MeasuredShareMin = 0.5;

    /// <summary>The results hold no <c>&lt;stem&gt;.unreported.csv</c> (made by another tool, or an older FaceFlash).</summary>
    public const string Unknown = "unknown";

    /// <param name="unreported">the clip's unreported candidates, or null when its results have none to read</param>
    /// <param name="measured">which of the clip's frames had a face measured, read only when a miss has no candidate of
    /// its own; null, or null within, when the results cannot say</param>
    public static IEnumerable<MissedExpression> Explain(string clip, IEnumerable<TruthEvent> missed, IReadOnlyList<PredictedEvent> reported,
        IReadOnlyList<UnreportedRow>? unreported, Lazy<MeasuredFrames?>? measured = null)
    {
        foreach (var truth in missed)
        {
            if (unreported is null)
            {
                yield return new MissedExpression(clip, truth, Unknown, 0, null, "", "");
                continue;
            }
            var span = new Interval(truth.OnsetMs, truth.OffsetMs);
            var (best, reason, outcome, aus) = (0.0, ReportedOtherwise, "", "");
            Interval? candidate = null;
            foreach (var e in reported)
                if (span.IntersectionOverUnion(e.Interval) is var iou && iou > best)
                    (best, reason, outcome, aus, candidate) = (iou, ReportedOtherwise, $"reported {e.Kind}" + (e.Emotion.Length > 0 ? $" {e.Emotion}" : ""), "", e.Interval);
            foreach (var u in unreported)
                if (Overlap(span, u) is var iou && iou > best)
                    (best, reason, outcome, aus, candidate) = (iou, u.Reason, u.Reason, u.Aus, u.Interval);
            if (best < SameMovementIou)
                reason = measured?.Value is { } frames && frames.Share(span) < MeasuredShareMin ? NotMeasured
                    : best > 0 ? InsideAnotherMovement : NoCandidate;
            yield return new MissedExpression(clip, truth, reason, best, candidate, outcome, aus);
        }
    }

    /// <summary>
    /// How much a candidate not reported overlaps an expression (IoU). A movement in progress when the face's reference
    /// was retaken ends there (<see cref="NotReportedReason.ReferenceRetaken"/>), so it is set against the part of the
    /// expression before: a 1.3 s surprise cut at 0.4 s by a retake was its movement, though a third of it in time.
    /// </summary>
    private static double Overlap(Interval expression, UnreportedRow candidate) =>
        candidate.Reason == RetakenName && candidate.OffsetMs > expression.OnsetMs && candidate.OffsetMs < expression.OffsetMs
            ? new Interval(expression.OnsetMs, candidate.OffsetMs).IntersectionOverUnion(candidate.Interval)
            : expression.IntersectionOverUnion(candidate.Interval);

    private static readonly string RetakenName = NotReportedReason.ReferenceRetaken.Name();

    /// <summary>How many missed expressions of <paramref name="kind"/> each reason accounts for, most first.</summary>
    public static IReadOnlyDictionary<string, int> Count(IEnumerable<MissedExpression> misses, string kind) =>
        misses.Where(m => m.Truth.Kind == kind).GroupBy(m => m.Reason).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count());
}
