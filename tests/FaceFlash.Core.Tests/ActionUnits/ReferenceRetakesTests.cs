using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Tests.ActionUnits;

public sealed class ReferenceRetakesTests
{
    [Fact]
    public void EachFacesFirstReferenceIsNotARetakeAndItsTimeSkipsGaps()
    {
        var retakes = new ReferenceRetakes(maxGapMs: 150);
        // Face 1 from 0 to 1000 ms at 25 fps, its reference taken first and again at 400 ms; face 2 from 200 ms, lost
        // from 600 to 1000 ms (taken anew on its return, which is a retake too).
        for (var t = 0; t <= 1000; t += 40)
        {
            retakes.Add(1, t, referenceTaken: t is 0 or 400);
            if (t >= 200 && (t <= 600 || t >= 1000)) retakes.Add(2, t, referenceTaken: t is 200 or 1000);
        }
        Assert.Equal(2, retakes.Count);
        Assert.Equal(1000 + 400, retakes.FaceTimeMs, 1e-9); // face 2: 200–600 ms; its 400 ms gap is not face time
        Assert.Null(retakes.Warning(unmeasuredS: 0.4));
    }

    [Theory]
    [InlineData(5, 15_000, true)] // one every 3 s: the warning's rate
    [InlineData(5, 16_000, false)]
    [InlineData(4, 2_000, false)] // too few to be a pattern
    [InlineData(30, 60_000, true)]
    public void TheSummaryWarnsFromOneRetakeEveryThreeSeconds(int count, double faceTimeMs, bool warned)
    {
        var retakes = new ReferenceRetakes(maxGapMs: 150);
        // A face followed at 25 fps, its reference retaken every so many frames.
        var frames = (int)(faceTimeMs / 40);
        var every = frames / count;
        for (var n = 0; n <= frames; n++) retakes.Add(0, n * 40.0, referenceTaken: n == 0 || (n % every == 0 && n / every <= count));
        Assert.Equal(count, retakes.Count);
        Assert.Equal(faceTimeMs, retakes.FaceTimeMs, 1e-6);
        Assert.Equal(warned, retakes.Warning(unmeasuredS: 0) is not null);
        // Where some of that time could not be measured at all, the line says how much.
        if (!warned) return;
        Assert.DoesNotContain("could not be measured", retakes.Warning(unmeasuredS: 0));
        Assert.Contains(", and 2.5 s of that time could not be measured at all", retakes.Warning(unmeasuredS: 2.48));
    }
}
