using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class LatencyStatsTests
{
    [Fact]
    public void BeforeAnySampleThereIsNoPercentile()
    {
        var stats = new LatencyStats();
        Assert.True(double.IsNaN(stats.Percentile(50)));
        Assert.Equal(0, stats.Samples);
    }

    [Fact]
    public void PercentilesAreTheNearestRankOfTheSamples()
    {
        var stats = new LatencyStats();
        foreach (var ms in new[] { 9.0, 1, 7, 3, 5, 2, 10, 4, 8, 6 }) stats.Add(ms);
        Assert.Equal(5, stats.Percentile(50));
        Assert.Equal(9, stats.Percentile(90));
        Assert.Equal(10, stats.Percentile(99));
        Assert.Equal(10, stats.Percentile(100));
        Assert.Equal(1, stats.Percentile(0));
        Assert.Equal(10, stats.Samples);
        Assert.Equal(10, stats.MaxMs);
    }

    [Fact]
    public void PercentilesForgetOldSamplesButTheMaximumIsTheWholeSessions()
    {
        var stats = new LatencyStats(window: 4);
        stats.Add(100);
        foreach (var ms in new[] { 1.0, 2, 3, 4 }) stats.Add(ms);
        Assert.Equal(4, stats.Percentile(100));
        Assert.Equal(2, stats.Percentile(50));
        Assert.Equal(100, stats.MaxMs);
        Assert.Equal(5, stats.Samples);
    }
}
