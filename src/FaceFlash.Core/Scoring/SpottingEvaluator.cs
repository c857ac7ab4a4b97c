using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Scoring;

/// <summary>An interval to match: a predicted or true event.</summary>
public readonly record struct Interval(double OnsetMs, double OffsetMs)
{
    public double IntersectionOverUnion(Interval other)
    {
        var intersection = Math.Min(OffsetMs, other.OffsetMs) - Math.Max(OnsetMs, other.OnsetMs);
        if (intersection <= 0) return 0;
        var union = Math.Max(OffsetMs, other.OffsetMs) - Math.Min(OnsetMs, other.OnsetMs);
        return intersection / union;
    }

    public bool Overlaps(Interval other) => Math.Min(OffsetMs, other.OffsetMs) > Math.Max(OnsetMs, other.OnsetMs);
}

/// <summary>A predicted event as read from an events file (no emotion and a NaN apex for a spotting-only candidate).</summary>
public sealed record PredictedEvent(string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion)
{
    public Interval Interval => new(OnsetMs, OffsetMs);
}

/// <summary>Pooled counts for one kind of event.</summary>
public sealed record KindScore(string Kind, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => TruePositives == 0 ? (FalsePositives + FalseNegatives == 0 ? double.NaN : 0) : 2.0 * TruePositives / (2 * TruePositives + FalsePositives + FalseNegatives);
}

/// <summary>One clip's matches, before pooling.</summary>
/// <param name="FrameIntervalMs">the clip's frame interval, or NaN when the truth does not give its frame rate</param>
public sealed record ClipMatches(string Clip, IReadOnlyList<(TruthEvent Truth, PredictedEvent Predicted)> Matched,
    IReadOnlyList<PredictedEvent> Unmatched, IReadOnlyList<TruthEvent> Missed, int BlinksFlaggedAsMicro, int Blinks, double DurationMs,
    double FrameIntervalMs)
{
    /// <summary>The reported blinks against the coded ones; null unless the truth lists every blink (<see cref="GroundTruth.BlinksComplete"/>).</summary>
    public BlinkDetection? BlinkDetection { get; init; }
}

/// <summary>
/// The MEGC spotting protocol: a prediction is a true positive when its IoU with a not-yet-matched ground-truth
/// interval of the same kind is at least 0.5 (best IoU first); other predictions are false positives and unmatched
/// truths false negatives. Counts are pooled over clips.
/// </summary>
public static class SpottingEvaluator
{
    public const double IouThreshold = 0.5;

    /// <param name="blinks">the blinks reported for the clip (<c>&lt;stem&gt;.blinks.csv</c>), scored where the truth lists every blink</param>
    public static ClipMatches Match(string clip, GroundTruth truth, IReadOnlyList<PredictedEvent> predicted, IReadOnlyList<Interval>? blinks = null)
    {
        var coded = truth.Events.Select(e => new Interval(e.OnsetMs, e.OffsetMs)).ToList();
        var pairs = IntervalMatching.Match(coded, predicted.Select(p => p.Interval).ToList(), iou => iou >= IouThreshold,
            (t, p) => truth.Events[t].Kind == predicted[p].Kind);
        var (usedTruth, usedPredicted) = (pairs.Select(m => m.Coded).ToHashSet(), pairs.Select(m => m.Reported).ToHashSet());
        var matched = pairs.Select(m => (truth.Events[m.Coded], predicted[m.Reported])).ToList();
        var unmatched = predicted.Where((_, p) => !usedPredicted.Contains(p)).ToList();
        var blinksFlagged = truth.Blinks.Count(b => unmatched.Any(u => u.Kind == "micro" && u.Interval.Overlaps(new Interval(b.OnsetMs, b.OffsetMs))));
        return new ClipMatches(clip, matched, unmatched, truth.Events.Where((_, t) => !usedTruth.Contains(t)).ToList(),
            blinksFlagged, truth.Blinks.Count, truth.DurationMs, truth.Fps > 0 ? 1000 / truth.Fps : double.NaN)
        {
            BlinkDetection = truth.BlinksComplete && blinks is not null ? BlinkDetection.Match(truth.Blinks, blinks) : null,
        };
    }

    public static EvaluationReport Pool(IReadOnlyList<ClipMatches> clips)
    {
        KindScore Score(string kind) => new(kind,
            clips.Sum(c => c.Matched.Count(m => m.Truth.Kind == kind)),
            clips.Sum(c => c.Unmatched.Count(u => u.Kind == kind)),
            clips.Sum(c => c.Missed.Count(m => m.Kind == kind)));
        var matched = clips.SelectMany(c => c.Matched).ToList();
        var labelled = matched.Where(m => m.Predicted.Emotion.Length > 0).ToList(); // spotting-only candidates carry none
        // An event coded with a label outside the seven ("others", "repression") has no emotion FaceFlash could give.
        var scorable = labelled.Where(m => EmotionNames.FromCoding(m.Truth.Emotion) is not null).ToList();
        var quiet = clips.Where(c => c.Matched.Count + c.Missed.Count == 0).ToList();
        var quietMinutes = quiet.Sum(c => c.DurationMs) / 60_000;
        var blinks = clips.Sum(c => c.Blinks);
        return new EvaluationReport(
            clips.Count,
            Score("micro"),
            Score("macro"),
            scorable.Count == 0 ? double.NaN
                : scorable.Count(m => EmotionNames.FromCoding(m.Truth.Emotion) == EmotionNames.FromCoding(m.Predicted.Emotion)) / (double)scorable.Count,
            quietMinutes > 0 ? quiet.Sum(c => c.Unmatched.Count) / quietMinutes : double.NaN,
            quietMinutes,
            blinks == 0 ? double.NaN : clips.Sum(c => c.BlinksFlaggedAsMicro) / (double)blinks,
            blinks,
            // Coding without apexes (ELAN) has nothing to compare.
            matched.Where(m => !double.IsNaN(m.Truth.ApexMs) && !double.IsNaN(m.Predicted.ApexMs)).Select(m => Math.Abs(m.Truth.ApexMs - m.Predicted.ApexMs))
                .DefaultIfEmpty(double.NaN).Average(),
            TimingErrors.Of(clips),
            BootstrapInterval.F1(clips, "micro"),
            BootstrapInterval.F1(clips, "macro"))
        {
            EmotionsScored = scorable.Count,
            EmotionsNotScored = labelled.Except(scorable).GroupBy(m => m.Truth.Emotion.Trim().ToLowerInvariant() is { Length: > 0 } label ? label : "(none)")
                .OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            MicroTiming = TimingErrors.Of(clips, "micro"),
            MacroTiming = TimingErrors.Of(clips, "macro"),
            EmotionConfusion = Scoring.EmotionConfusion.Of(scorable.Where(m => EmotionNames.FromCoding(m.Predicted.Emotion) is not null)),
            MicroFoundByAmplitude = FoundByAmplitude.Of(clips, "micro"),
            MacroFoundByAmplitude = FoundByAmplitude.Of(clips, "macro"),
            Blink = BlinkDetection.Pool(clips.Select(c => c.BlinkDetection)),
            BlinkClips = clips.Count(c => c.BlinkDetection is not null),
        };
    }
}

/// <summary>The pooled scores <c>faceflash eval</c> reports.</summary>
public sealed record EvaluationReport(
    int Clips,
    KindScore Micro,
    KindScore Macro,
    double EmotionAccuracy,
    double FalseFlagsPerMinuteWithoutEvents,
    double MinutesWithoutEvents,
    double BlinksFlaggedAsMicro,
    int Blinks,
    double MeanApexErrorMs,
    TimingErrors Timing,
    ScoreInterval MicroF1Interval,
    ScoreInterval MacroF1Interval)
{
    /// <summary>The file <c>faceflash eval</c> writes it to.</summary>
    public const string FileName = "eval.json";

    /// <summary>Matched events whose emotion was scored: those coded as one of the seven (in any of the names <see cref="EmotionNames.FromCoding"/> reads).</summary>
    public int EmotionsScored { get; init; }

    /// <summary>Matched events coded with a label outside the seven, counted by label: left out of <see cref="EmotionAccuracy"/>.</summary>
    public IReadOnlyDictionary<string, int> EmotionsNotScored { get; init; } = new Dictionary<string, int>();

    /// <summary>Set by <c>faceflash eval --against</c>: these results against another version's.</summary>
    public VersionComparison? Against { get; init; }

    /// <summary>Set by <c>faceflash eval --spotting-only</c>: movements left out for their emotion counted as predictions (<see cref="Scoring.SpottingOnly"/>).</summary>
    public bool SpottingOnly { get; init; }

    /// <summary><see cref="Timing"/> of the matched micro-expressions alone.</summary>
    public required TimingErrors MicroTiming { get; init; }

    /// <summary><see cref="Timing"/> of the matched macro-expressions alone.</summary>
    public required TimingErrors MacroTiming { get; init; }

    /// <summary>Coded emotion → reported emotion → matched events (<see cref="Scoring.EmotionConfusion"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> EmotionConfusion { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();

    /// <summary>Injected micro-expressions found, by amplitude (<see cref="Scoring.FoundByAmplitude"/>); empty for a human coding.</summary>
    public IReadOnlyList<AmplitudeBin> MicroFoundByAmplitude { get; init; } = [];

    /// <summary>Injected macro-expressions found, by amplitude.</summary>
    public IReadOnlyList<AmplitudeBin> MacroFoundByAmplitude { get; init; } = [];

    /// <summary>
    /// Blink detection pooled over the <see cref="BlinkClips"/> clips whose truth lists every blink: found (true
    /// positives), reported where none was coded (false positives), missed; null when no clip does.
    /// </summary>
    public KindScore? Blink { get; init; }

    public int BlinkClips { get; init; }

    /// <summary>Missed micro-expressions per reason (<see cref="MissedExpressions"/>).</summary>
    public IReadOnlyDictionary<string, int> MicroMissed { get; init; } = new Dictionary<string, int>();

    /// <summary>Missed macro-expressions per reason.</summary>
    public IReadOnlyDictionary<string, int> MacroMissed { get; init; } = new Dictionary<string, int>();
}
