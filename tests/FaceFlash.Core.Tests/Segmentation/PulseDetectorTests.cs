using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

public sealed class PulseDetectorTests
{
    private static PulseDetector Detector() => new(onThreshold: 1, restLevel: 0.2f, restFraction: 0.2f, maxDurationMs: 2000, maxGapMs: 100);

    /// <summary>Feeds a triangle from 0 up to <paramref name="peak"/> and back, sampled every <paramref name="stepMs"/>.</summary>
    private static List<Pulse> Feed(PulseDetector d, IEnumerable<(double T, float V)> samples)
    {
        var pulses = new List<Pulse>();
        long frame = 0;
        foreach (var (t, v) in samples)
            if (d.Add(t, frame++, v) is { } p) pulses.Add(p);
        return pulses;
    }

    private static IEnumerable<(double, float)> Triangle(double onset, double offset, float peak, double stepMs, double endMs)
    {
        for (var t = 0.0; t <= endMs; t += stepMs)
        {
            var mid = (onset + offset) / 2;
            var v = t <= onset || t >= offset ? 0 : t < mid ? (float)((t - onset) / (mid - onset) * peak) : (float)((offset - t) / (offset - mid) * peak);
            yield return (t, v);
        }
    }

    [Fact]
    public void OnsetApexAndOffsetComeFromTheRestSamplesAroundThePeak()
    {
        var pulse = Assert.Single(Feed(Detector(), Triangle(1000, 1100, 3, 10, 2000)));
        Assert.Equal(1000, pulse.OnsetMs);
        Assert.Equal(1050, pulse.ApexMs);
        Assert.Equal(1100, pulse.OffsetMs);
        Assert.Equal(3, pulse.ApexValue, 3);
        Assert.Equal(100, pulse.OnsetFrame);
    }

    [Fact]
    public void AMovementIsTimedFromTheFootOfItsRiseToTheFootOfItsFallNotWhereItPassesTheRestLevel()
    {
        // 200 fps, a smooth 150 ms movement of apex 2: it passes the rest level (0.4, a fifth of the apex) some 20 ms
        // after it starts and before it ends.
        var samples = new List<(double, float)>();
        for (var frame = 0; frame <= 600; frame++)
        {
            var t = frame * 5.0;
            var u = (t - 1000) / 150;
            samples.Add((t, u is > 0 and < 1 ? (float)(1 - Math.Cos(2 * Math.PI * u)) : 0));
        }
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.Equal(1000, pulse.OnsetMs);
        Assert.Equal(1150, pulse.OffsetMs);
    }

    [Fact]
    public void ASlowMovementsSlopesReachItsFeetWhereTheWalkToRestStopsShort()
    {
        // 100 fps, a 1.2 s triangle of apex 4 with a wobble of ±0.04 on it: the walk down to the rest level (0.2) stops
        // at the wobble 30 ms after it starts; the line through a fifth and four fifths of the apex meets zero at its
        // start. The fall's line is cut at the last sample seen when the pulse ended (its hold after the rest level).
        var samples = Triangle(1000, 2200, 4, 10, 3000).Select((s, i) => (s.Item1, s.Item2 > 0 ? s.Item2 + (i % 2 == 0 ? 0.04f : -0.04f) : 0));
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.InRange(pulse.OnsetMs, 1020, 1040);
        Assert.InRange(pulse.Slopes.OnsetMs, 990, 1010);
        Assert.Equal(pulse.Slopes.OnsetMs / 10, pulse.Slopes.OnsetFrame); // a sample's time and frame
        Assert.InRange(pulse.OffsetMs, 2080, 2110);
        Assert.True(pulse.Slopes.OffsetMs > pulse.OffsetMs, $"{pulse.Slopes.OffsetMs} ≤ {pulse.OffsetMs}");
        Assert.InRange(pulse.Slopes.OffsetMs, 2120, 2160); // the hold's last sample, not the line's 2200
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(45, false)]
    public void APulseThatOutlastsTheHistoryKeepsItsFeetForSlopes(int historyCapacity, bool historyHoldsIt)
    {
        // The slow wobbly triangle above, 120 samples long. With a history of 45 samples its apex and rise are
        // overwritten by the time it ends, though samples near the apex on the fall remain: it is still timed from its
        // feet (found as it went), and its slopes, drawn from the apex, are those feet rather than lines from whatever
        // sample now fills the apex's place in the ring.
        var samples = Triangle(1000, 2200, 4, 10, 3000).Select((s, i) => (s.Item1, s.Item2 > 0 ? s.Item2 + (i % 2 == 0 ? 0.04f : -0.04f) : 0));
        var detector = new PulseDetector(onThreshold: 1, restLevel: 0.2f, restFraction: 0.2f, maxDurationMs: 2000, maxGapMs: 100, historyCapacity: historyCapacity);
        var pulse = Assert.Single(Feed(detector, samples));
        Assert.InRange(pulse.OnsetMs, 1020, 1040);
        Assert.Equal(1600, pulse.ApexMs);
        Assert.InRange(pulse.OffsetMs, 2080, 2110);
        if (historyHoldsIt)
        {
            Assert.InRange(pulse.Slopes.OnsetMs, 990, 1010);
            Assert.InRange(pulse.Slopes.OffsetMs, 2120, 2160);
        }
        else Assert.Equal((pulse.OnsetMs, pulse.OnsetFrame, pulse.OffsetMs, pulse.OffsetFrame), pulse.Slopes);
    }

    [Fact]
    public void SlopesNeverReachBackIntoThePreviousPulse()
    {
        // A second slow movement right after a quick one: its rise's line would meet zero inside the first.
        var samples = Triangle(1000, 1100, 3, 10, 1200).Concat(Triangle(1150, 2400, 4, 10, 3000).Where(s => s.Item1 > 1200)).ToList();
        var pulses = Feed(Detector(), samples);
        Assert.Equal(2, pulses.Count);
        Assert.True(pulses[1].Slopes.OnsetMs >= pulses[0].OffsetMs, $"{pulses[1].Slopes.OnsetMs} < {pulses[0].OffsetMs}");
    }

    [Fact]
    public void IrregularTimestampsAreUsedAsTheyAre()
    {
        var samples = Triangle(500, 700, 3, 10, 1500).Where((s, i) => i % 3 != 1).ToList(); // uneven spacing
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.InRange(pulse.OnsetMs, 480, 500);
        Assert.InRange(pulse.OffsetMs, 680, 720);
    }

    [Fact]
    public void AGapLongerThanTheLimitAbandonsThePulse()
    {
        var samples = Triangle(500, 900, 3, 10, 1500).Where(s => s.Item1 is < 650 or > 800).ToList(); // 150 ms dropped
        Assert.Empty(Feed(Detector(), samples));
    }

    [Fact]
    public void ASignalAlreadyUpWhenItsSamplesBeginIsNoPulseUntilItHasBeenAtRest()
    {
        // Up from the first sample (and still rising, so a pulse begun there would have an apex of its own): its onset
        // was not seen, so it cannot be timed. Once the signal has been at rest, the next rise is a pulse.
        var samples = Enumerable.Range(0, 30).Select(i => (i * 10.0, i < 20 ? 2f + i * 0.05f : 0f))
            .Concat(Triangle(1000, 1100, 3, 10, 2000).Where(s => s.Item1 >= 300));
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.Equal(1000, pulse.OnsetMs);
    }

    [Fact]
    public void AfterAGapASignalAlreadyUpIsNoPulse()
    {
        // The rise's start falls in a 100 ms gap (over the 100 ms limit): what follows is still rising, yet no pulse.
        var samples = Triangle(500, 900, 3, 10, 1500).Where(s => s.Item1 is < 550 or > 650).ToList();
        Assert.Empty(Feed(Detector(), samples));
    }

    [Fact]
    public void TheSampleThatStartsAPulseIsItsFirstApex()
    {
        var d = Detector();
        d.Add(0, 0, 0);
        d.Add(10, 1, 1.5f);
        Assert.True(d.NewApex); // a pulse whose first sample is its peak is measured there
        d.Add(20, 2, 1.2f);
        Assert.False(d.NewApex);
        d.Add(30, 3, 2f);
        Assert.True(d.NewApex);
    }

    [Fact]
    public void ASustainedChangeIsNotAPulse()
    {
        var samples = Enumerable.Range(0, 500).Select(i => (i * 10.0, i is > 50 and < 400 ? 3f : 0f)); // 3.5 s up
        Assert.Empty(Feed(Detector(), samples));
    }

    [Fact]
    public void NothingWithinASustainedChangeStartsAPulseUntilItHasComeBackToRest()
    {
        // 3.5 s up and still growing (a laugh building up) past the 2 s a pulse may last: no pulse, neither the change
        // nor any part of it.
        var samples = Enumerable.Range(0, 500).Select(i => (i * 10.0, i is > 50 and < 400 ? 2f + i * 0.005f : 0f));
        Assert.Empty(Feed(Detector(), samples));
    }

    [Fact]
    public void TwoPulsesInARowAreTimedSeparately()
    {
        var samples = Triangle(200, 300, 3, 10, 600).Concat(Triangle(200, 300, 3, 10, 600).Select(s => (s.Item1 + 610, s.Item2)));
        var pulses = Feed(Detector(), samples);
        Assert.Equal(2, pulses.Count);
        Assert.True(pulses[1].OnsetMs >= pulses[0].OffsetMs);
    }

    [Fact]
    public void At25FpsTheOnsetIsTheSampleBackAtRestNotAFrameFurther()
    {
        // A frame (40 ms) is longer than the foot search: a lower sample a frame before the one back at rest is the
        // noise at rest as often as the start of the rise, so it is not taken.
        float[] values = [0, 0, 0, 0.1f, 0.18f, 1.5f, 3, 1.5f, 0, 0, 0, 0, 0];
        var pulse = Assert.Single(Feed(Detector(), values.Select((v, i) => (1000 + 40.0 * i, v))));
        Assert.Equal(1000 + 40 * 4, pulse.OnsetMs);
    }

    [Fact]
    public void APulseIsKnownOneHoldAfterItCameBackToRest()
    {
        var d = Detector();
        long frame = 0;
        Pulse? found = null;
        double flaggedAt = 0;
        foreach (var (t, v) in Triangle(1000, 1100, 3, 10, 2000))
            if (found is null && d.Add(t, frame++, v) is { } p)
            {
                found = p;
                flaggedAt = t;
            }
        // Back below a fifth of the apex at 1090 ms; the foot of the fall, its offset, at 1100.
        Assert.Equal(1100, found!.Value.OffsetMs);
        Assert.Equal(1090 + d.OffsetHoldMs, flaggedAt);
    }

    [Fact]
    public void TheTailOfALargeMovementIsNotASecondPulse()
    {
        // Apex 10: back under a fifth of it (2) at 1090 ms, the movement ends there; its tail then falls slowly through
        // the threshold (1) until 1400 ms. The tail never rises, so it is not a movement of its own.
        var samples = Triangle(1000, 1100, 10, 10, 2000).Select(s => (s.Item1, s.Item1 is >= 1090 and < 1400 ? (float)(1.8 * (1400 - s.Item1) / 310) : s.Item2));
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.Equal(1000, pulse.OnsetMs);
    }

    [Fact]
    public void ANoisyReturnToRestIsOnePulse()
    {
        // Down to rest at 1200 ms, a 30 ms bump back above the threshold, then rest: one movement, not two.
        var samples = Triangle(1000, 1200, 3, 10, 2000).Select(s => (s.Item1, s.Item1 is >= 1220 and < 1250 ? 1.5f : s.Item2));
        var pulse = Assert.Single(Feed(Detector(), samples));
        Assert.InRange(pulse.OffsetMs, 1250, 1260);
    }
}
