namespace FaceFlash.Core.Segmentation;

/// <summary>Why a candidate movement was not reported as an expression.</summary>
public enum NotReportedReason
{
    /// <summary>Shorter than the shortest micro-expression, allowing a frame.</summary>
    ShorterThanMicroMin,

    /// <summary>Nothing beyond the lids rose.</summary>
    EyelidOnly,

    /// <summary>One side of the mouth moved, while the AU's own reading (the stronger side's) stayed within its band.</summary>
    OneSidedWithinBand,

    /// <summary>The tracker saw the face poorly while it lasted (its tracking confidence averaged under the minimum).</summary>
    UnclearFace,

    /// <summary>The head turned too far, or moved too fast, while it lasted.</summary>
    HeadMotion,

    /// <summary>It matched no EMFACS prototype.</summary>
    NoEmotionMatch,

    /// <summary>Its label's confidence was too low.</summary>
    LowConfidence,

    /// <summary>The mouth alone moved while the person talked.</summary>
    Speech,

    /// <summary>It began before the face's levels were formed (live analysis: a face's first second, or its reference's).</summary>
    BeforeLevelsFormed,

    /// <summary>
    /// Its peak is the frame of the expression just reported on the face: the same movement, whose parts set off too
    /// far apart to be grouped at once, grouped twice.
    /// </summary>
    PeakAlreadyReported,

    /// <summary>Flagged, but the analysis of the mirrored video did not find it (<c>analyze --mirror-check</c>).</summary>
    NotFoundMirrored,

    /// <summary>
    /// Still in progress when the face's AU reference was retaken (the face came nearer or moved away, turned far, the
    /// flow lost it, or the live rebase key was pressed): its end was never measured. Timed to the last frame before.
    /// </summary>
    ReferenceRetaken,
}

public static class NotReportedReasons
{
    public static readonly NotReportedReason[] All = Enum.GetValues<NotReportedReason>();

    /// <summary>The reason as the summary's <c>not_reported</c> counts and <c>&lt;stem&gt;.unreported.csv</c> name it.</summary>
    public static string Name(this NotReportedReason reason) => reason switch
    {
        NotReportedReason.ShorterThanMicroMin => "shorter_than_micro_min",
        NotReportedReason.EyelidOnly => "eyelid_only",
        NotReportedReason.OneSidedWithinBand => "one_sided_within_band",
        NotReportedReason.UnclearFace => "unclear_face",
        NotReportedReason.HeadMotion => "head_motion",
        NotReportedReason.NoEmotionMatch => "no_emotion_match",
        NotReportedReason.LowConfidence => "low_confidence",
        NotReportedReason.Speech => "speech",
        NotReportedReason.BeforeLevelsFormed => "before_levels_formed",
        NotReportedReason.PeakAlreadyReported => "peak_already_reported",
        NotReportedReason.NotFoundMirrored => "not_found_mirrored",
        NotReportedReason.ReferenceRetaken => "reference_retaken",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}

/// <summary>
/// A candidate movement the segmenter found and did not report, and why: the earliest onset and latest offset of its AU
/// pulses (ms from the start of the video, and the frames there, numbered from 1 as the frames CSV numbers them) and the
/// AUs present at its apex as it was judged. Written so that a lab can see what was left out, or spot movements without
/// the emotion gate.
/// </summary>
public sealed record UnreportedMovement(int FaceId, double OnsetMs, double OffsetMs, NotReportedReason Reason, string Aus, long OnsetFrame, long OffsetFrame)
{
    public double DurationMs => OffsetMs - OnsetMs;

    /// <summary>An expression judged as one and then not reported for <paramref name="reason"/>, with its timing and AUs.</summary>
    public static UnreportedMovement Of(ExpressionEvent expression, NotReportedReason reason) =>
        new(expression.FaceId, expression.OnsetMs, expression.OffsetMs, reason, expression.Aus, expression.OnsetFrame, expression.OffsetFrame);
}

/// <summary>How many candidate movements were not reported, per reason, for the summary.</summary>
public sealed class NotReportedCounts
{
    private readonly int[] _counts = new int[NotReportedReasons.All.Length];

    public int this[NotReportedReason reason] => _counts[(int)reason];

    public void Add(NotReportedReason reason) => _counts[(int)reason]++;
}
