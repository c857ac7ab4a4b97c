using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class DurationsTests
{
    // Presentation times of a 25 fps video in milliseconds, as OpenCV gives them: frame n at n × 0.04 × 1000.
    private static double At25Fps(long frame) => frame * 0.04 * 1000;

    [Fact]
    public void FiveFrameIntervalsAt25FpsAreAtMost200MsWhereverTheyStart()
    {
        var inexact = 0;
        for (long onset = 0; onset < 2000; onset++)
        {
            var duration = At25Fps(onset + 5) - At25Fps(onset);
            if (duration != 200) inexact++;
            Assert.True(Durations.AtMost(duration, 200), $"frames {onset}–{onset + 5}: {duration:R} ms");
            Assert.False(Durations.Over(duration, 200));
            Assert.True(Durations.AtLeast(At25Fps(onset + 1) - At25Fps(onset), 40));
            Assert.False(Durations.Under(At25Fps(onset + 1) - At25Fps(onset), 40));
        }
        Assert.True(inexact > 100, $"only {inexact} of 2000 durations were inexact; the test no longer tests the rounding");
    }

    [Theory]
    [InlineData(200.01, 200, false)]
    [InlineData(199.99, 200, true)]
    [InlineData(233.3333333, 200, false)]
    public void ADurationAFractionOfAFrameBeyondTheLimitIsStillBeyondIt(double duration, double limit, bool atMost)
    {
        Assert.Equal(atMost, Durations.AtMost(duration, limit));
        Assert.Equal(!atMost, Durations.Over(duration, limit));
    }
}
