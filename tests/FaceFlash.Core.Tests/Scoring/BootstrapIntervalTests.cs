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
        Enumerable.Range(0, missed).Select(i => Truth(80_000 + i * 1000)).ToList(), 0, 0, 100_000);

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
}
