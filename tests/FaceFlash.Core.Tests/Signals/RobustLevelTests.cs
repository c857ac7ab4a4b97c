using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Tests.Signals;

public sealed class RobustLevelTests
{
    [Fact]
    public void EveryFrameOfA50FpsVideoIsOneSampleAtA20MsSpacing()
    {
        // Presentation times as the video gives them (frame n at n × 0.02 s, in ms): some pairs are a hair under 20 ms
        // apart (e.g. frames 35 and 36: 700.0000000000001 and 720.0), which must not skip a frame's sample.
        var level = new RobustLevel(windowMs: 1000, sampleSpacingMs: 20);
        for (long frame = 0; frame < 500; frame++)
        {
            level.Add(frame * 0.02 * 1000, frame);
            Assert.Equal((int)Math.Min(frame + 1, 51), level.Count);
        }
    }

    [Fact]
    public void LevelAndScaleAreTheWindowsMedianAndInterquartileSpread()
    {
        var level = new RobustLevel(windowMs: 1000, sampleSpacingMs: 20);
        var random = new Random(5);
        var window = new List<(double T, float V)>();
        for (var t = 0.0; t < 5000; t += 10)
        {
            var v = (float)(random.NextDouble() * 3 + (t > 2500 ? 2 : 0));
            var admitted = window.Count == 0 || t - window[^1].T >= 20;
            level.Add(t, v);
            if (!admitted) continue;
            window.Add((t, v));
            window.RemoveAll(s => t - s.T > 1000);
            var sorted = window.Select(s => s.V).Order().ToArray();
            float At(double p)
            {
                var position = p * (sorted.Length - 1);
                var below = (int)Math.Floor(position);
                var above = Math.Min(below + 1, sorted.Length - 1);
                return (float)(sorted[below] + (position - below) * (sorted[above] - sorted[below]));
            }
            Assert.Equal(sorted.Length, level.Count);
            Assert.Equal(At(0.5), level.Level, 5);
            Assert.Equal((At(0.75) - At(0.25)) / 1.349f, level.Scale, 4);
        }
    }

    [Fact]
    public void ANormalSignalsScaleIsItsStandardDeviation()
    {
        var level = new RobustLevel(windowMs: 100_000, sampleSpacingMs: 1);
        var random = new Random(9);
        for (var t = 0; t < 20_000; t++)
        {
            var u = 1 - random.NextDouble();
            var normal = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
            level.Add(t, (float)(4 + 0.5 * normal));
        }
        Assert.Equal(4, level.Level, 1);
        Assert.Equal(0.5, level.Scale, 1);
    }

    [Fact]
    public void TheRecentSamplesAreKeptInTimeOrderAndTheNewestIsKnown()
    {
        var level = new RobustLevel(windowMs: 100, sampleSpacingMs: 20);
        Assert.Equal(double.NegativeInfinity, level.NewestMs);
        for (var t = 0; t <= 200; t += 10) level.Add(t, t); // one in two admitted; the oldest leave the window
        Assert.Equal(200, level.NewestMs);
        Assert.Equal([100f, 120f, 140f, 160f, 180f, 200f], Enumerable.Range(0, level.Count).Select(level.Recent));
    }

    [Fact]
    public void TheRunningLevelIgnoresBriefSpikesAndForgetsOldSamples()
    {
        var median = new RobustLevel(windowMs: 1000, sampleSpacingMs: 10);
        for (var t = 0; t < 1000; t += 10) median.Add(t, t is >= 400 and < 500 ? 9 : 1);
        Assert.Equal(1, median.Level);
        for (var t = 1000; t < 2100; t += 10) median.Add(t, 3);
        Assert.Equal(3, median.Level); // the old level has left the window
    }

    [Fact]
    public void TheRunningLevelAdmitsOneSamplePerSpacingWhateverTheFrameRate()
    {
        var median = new RobustLevel(windowMs: 1000, sampleSpacingMs: 50);
        for (var t = 0.0; t < 1000; t += 2.5) median.Add(t, 1); // 400 fps
        Assert.Equal(20, median.Count);
    }

    [Fact]
    public void TimeGoingBackwardsIsANewRecordingAndStartsTheWindowAgain()
    {
        var level = new RobustLevel(windowMs: 1000, sampleSpacingMs: 20);
        for (var t = 0.0; t < 1000; t += 20) level.Add(t, 5);
        level.Add(100, 1); // a file played again from its start
        Assert.Equal((1, 1f, 100.0), (level.Count, level.Level, level.NewestMs));
    }
}
