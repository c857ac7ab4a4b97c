using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

public sealed class BootstrapIntervalTests
{
    private static TruthEvent Truth(double on) => new("micro", on, on + 50, on + 100, "happiness", ["AU12"], null, 2);
    private static PredictedEvent Predicted(double on) => new("micro", on, on + 50, on + 100, "happiness");

    /// <summary>A clip with <paramref name="found"/> of its events found, <paramref name="missed"/> missed and <paramref name="false"/> false flags.</summary>
    private static ClipMatches Clip(int found, int missed, int @false) => new("c",
        Enumerable.Range(0, found).Select(i => (Truth(i * 1000), Predicted(i * 1000))).ToList(),
        Enumerable.Range(0, @false).Select(i => Predicted(50_000 + i * 1000)).ToList(),
        Enumerable.Range(0, missed).Select(i => Truth(80_000 + i * 1000)).ToList(), 0, 0, 100_000, 40);

    [Fact]
    public void ClipsThatAllScoreAlikeGiveNoSpread()
    {
        var interval = BootstrapInterval.F1(Enumerable.Repeat(Clip(1, 1, 0), 20).ToList(), "micro");
        Assert.Equal(2.0 / 3, interval.Low, 9);
        Assert.Equal(2.0 / 3, interval.High, 9);
    }

    [Fact]
    public void TheIntervalHoldsThePooledScoreAndNarrowsWithMoreClips()
    {
        // Half the clips find their event, half miss it and flag something else: pooled F1 0.5.
        List<ClipMatches> Set(int pairs) => Enumerable.Range(0, pairs).SelectMany(_ => new[] { Clip(1, 0, 0), Clip(0, 1, 1) }).ToList();
        var few = BootstrapInterval.F1(Set(5), "micro");
        var many = BootstrapInterval.F1(Set(100), "micro");
        var pooled = SpottingEvaluator.Pool(Set(5)).Micro.F1;
        Assert.Equal(0.5, pooled, 9);
        Assert.InRange(pooled, few.Low, few.High);
        Assert.InRange(pooled, many.Low, many.High);
        // F1 here is the share of clips that find their event, whose 95 % range is about ±1.96·√(¼/n): ±0.31 for 10
        // clips, ±0.07 for 200.
        Assert.InRange(few.High - few.Low, 0.45, 0.75);
        Assert.InRange(many.High - many.Low, 0.10, 0.18);
    }

    [Fact]
    public void TheSameSeedGivesTheSameIntervalAndAKindWithNoEventsOrOneClipHasNone()
    {
        var clips = new[] { Clip(2, 1, 0), Clip(0, 2, 3), Clip(1, 0, 1), Clip(3, 1, 0) };
        Assert.Equal(BootstrapInterval.F1(clips, "micro"), BootstrapInterval.F1(clips, "micro"));
        var none = BootstrapInterval.F1(clips, "macro");
        Assert.True(double.IsNaN(none.Low) && double.IsNaN(none.High));
        Assert.True(double.IsNaN(BootstrapInterval.F1([Clip(2, 1, 1)], "micro").Low));
    }

    [Fact]
    public void TheReportCarriesBothKindsIntervals()
    {
        var report = SpottingEvaluator.Pool([Clip(2, 1, 0), Clip(0, 2, 3), Clip(1, 0, 1)]);
        Assert.InRange(report.Micro.F1, report.MicroF1Interval.Low, report.MicroF1Interval.High);
        Assert.True(double.IsNaN(report.MacroF1Interval.Low));
    }

    [Fact]
    public void APairedComparisonSeesASmallEvenGainThatTheSetsOwnIntervalsHide()
    {
        // 40 clips that vary a lot among themselves; the candidate finds one more event than the baseline in every
        // fourth clip and is otherwise the same.
        var baseline = Enumerable.Range(0, 40).Select(i => Clip(i % 3, 2 + i % 4, i % 2) with { Clip = $"c{i}" }).ToList();
        var candidate = baseline.Select((c, i) => i % 4 == 0 ? Clip(c.Matched.Count + 1, c.Missed.Count - 1, c.Unmatched.Count) with { Clip = c.Clip } : c).ToList();
        var comparison = VersionComparison.Of("base", candidate, baseline);
        Assert.Equal(40, comparison.ClipsInCommon);
        Assert.True(comparison.Micro.Difference > 0);
        Assert.True(comparison.Micro.Interval.Low > 0, $"paired: {comparison.Micro.Interval}");
        var (mine, theirs) = (BootstrapInterval.F1(candidate, "micro"), BootstrapInterval.F1(baseline, "micro"));
        Assert.True(mine.Low < theirs.High, $"unpaired intervals {mine} and {theirs} overlap");
        Assert.True(double.IsNaN(comparison.Macro.Interval.Low)); // no macro events: nothing to compare
    }

    [Fact]
    public void OnlyClipsBothVersionsScoredAreCompared()
    {
        var baseline = new[] { Clip(1, 1, 0) with { Clip = "a" }, Clip(0, 2, 0) with { Clip = "b" } };
        var candidate = new[] { Clip(2, 0, 0) with { Clip = "a" }, Clip(1, 1, 0) with { Clip = "b" }, Clip(5, 0, 0) with { Clip = "extra" } };
        var comparison = VersionComparison.Of("base", candidate, baseline);
        Assert.Equal(2, comparison.ClipsInCommon);
        Assert.Equal(2.0 * 3 / (2 * 3 + 1), comparison.Micro.Candidate, 9);
        Assert.Equal(2.0 * 1 / (2 * 1 + 3), comparison.Micro.Baseline, 9);
    }
}
