using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Tests.Frames;

public sealed class ResumeSearchTests
{
    private const double Interval = 40;

    /// <summary>
    /// A damaged file as a reader sees it: a seek lands on the keyframe at or before the time asked for and decodes
    /// from there, so a time decodes when that keyframe lies past the damage.
    /// </summary>
    private sealed class DamagedFile(double damageEndMs, double[] keyframesMs, double endMs)
    {
        public readonly List<double> Tried = [];

        public bool DecodesAt(double ms)
        {
            Tried.Add(ms);
            return ms < endMs && keyframesMs.Where(k => k <= ms).DefaultIfEmpty(double.NegativeInfinity).Max() >= damageEndMs;
        }
    }

    private static double[] Every(double ms, double endMs) =>
        Enumerable.Range(0, (int)(endMs / ms) + 1).Select(i => i * ms).ToArray();

    [Theory]
    [InlineData(1000, 5000, 1960, 5000)]
    [InlineData(10_000, 3000, 960, 10_000)] // keyframes ten seconds apart, as screen recorders and long-GOP cameras write them
    public void ReadingGoesOnAtTheFirstKeyframeAfterTheDamageWithinFourFrames(double keyframeSpacingMs, double damageEndMs, double furthestMs,
        double firstKeyframeAfterMs)
    {
        var file = new DamagedFile(damageEndMs, Every(keyframeSpacingMs, 60_000), endMs: 60_000);
        var resume = ResumeSearch.Find(furthestMs, Interval, endMs: 60_000, file.DecodesAt);
        Assert.NotNull(resume);
        Assert.InRange(resume.Value, firstKeyframeAfterMs, firstKeyframeAfterMs + 4 * Interval);
    }

    [Fact]
    public void EveryTimeTriedLiesPastTheLatestFrameReadAndBeforeTheEnd()
    {
        // Going back would read the same frames again, for ever (an MPEG-2 stream's last frame once sent it to the start).
        foreach (var damageEnd in new[] { 1000.0, 7000, 31_000, 1e9 })
        {
            var file = new DamagedFile(damageEnd, Every(2000, 40_000), endMs: 40_000);
            ResumeSearch.Find(furthestMs: 800, Interval, endMs: 40_000, file.DecodesAt);
            Assert.NotEmpty(file.Tried);
            Assert.All(file.Tried, ms => Assert.InRange(ms, 800 + Interval, 40_000));
        }
    }

    [Fact]
    public void AFileDamagedToItsEndHasNowhereToResume()
    {
        var file = new DamagedFile(damageEndMs: double.PositiveInfinity, Every(1000, 30_000), endMs: 30_000);
        Assert.Null(ResumeSearch.Find(furthestMs: 12_000, Interval, endMs: 30_000, file.DecodesAt));
        // Forward in steps that double up to the stride and then keep to it: no keyframe is jumped over by much.
        var gaps = file.Tried.Zip(file.Tried.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.InRange(gap, Interval, ResumeSearch.StrideMs * 1.5));
    }
}
