using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class RateMeterTests
{
    [Fact]
    public void TheRateCountsTheTicksOfTheLastSecond()
    {
        var meter = new RateMeter();
        Assert.Equal(0, meter.PerSecond(0));
        for (var t = 0.0; t <= 1000; t += 100) meter.Tick(t);
        Assert.Equal(11, meter.PerSecond(1000)); // 0 … 1000 ms: a tick exactly a second old still counts
        Assert.Equal(5, meter.PerSecond(1600)); // 600 … 1000 ms
        Assert.Equal(0, meter.PerSecond(2000.5));
    }

    [Fact]
    public void TicksOlderThanASecondAreForgottenAsNewOnesCome()
    {
        var meter = new RateMeter();
        for (var t = 0.0; t < 10_000; t += 1000.0 / 30) meter.Tick(t);
        Assert.InRange(meter.PerSecond(9990), 30, 31);
    }
}
