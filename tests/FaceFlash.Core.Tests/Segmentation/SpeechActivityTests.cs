using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

public sealed class SpeechActivityTests
{
    private static SpeechActivity Speech() => new(windowMs: 5000, minReach: 0.015f, minOpenings: 4);

    /// <summary>The lips' gap (over the eye distance) of a face saying syllables at <paramref name="hz"/> from 0.5 s on.</summary>
    private static float Syllables(double t, double hz) =>
        t < 500 ? 0.01f : 0.01f + 0.08f * (float)Math.Max(0, Math.Sin(2 * Math.PI * hz * (t - 500) / 1000));

    private static void Feed(SpeechActivity speech, double fromMs, double toMs, Func<double, float> gap)
    {
        for (var t = fromMs; t <= toMs; t += 40) speech.Add(t, gap(t));
    }

    [Fact]
    public void LipsOpeningAndClosingAgainAndAgainAreTalking()
    {
        var speech = Speech();
        Feed(speech, 0, 4000, t => Syllables(t, 3));
        Assert.True(speech.Openings() >= 10, $"{speech.Openings()} openings");
        Assert.True(speech.Talking);
    }

    [Fact]
    public void AMouthOpenedOnceIsNotTalkingHoweverWide()
    {
        // A surprise: the jaw drops for 600 ms, far wider than speech opens it.
        var speech = Speech();
        Feed(speech, 0, 4000, t => t is > 1500 and < 2100 ? 0.3f : 0.01f);
        Assert.Equal(1, speech.Openings());
        Assert.False(speech.Talking);
    }

    [Fact]
    public void ALandmarkGapJitteringOnAStillMouthIsNotTalking()
    {
        var speech = Speech();
        var random = new Random(3);
        Feed(speech, 0, 4000, _ => 0.01f + 0.004f * (float)random.NextDouble());
        Assert.False(speech.Talking); // its reach stays under 0.015 however often it crosses its middle
    }

    [Fact]
    public void OnlyTheLastSecondsCount()
    {
        var speech = Speech();
        Feed(speech, 0, 3000, t => Syllables(t, 3));
        Assert.True(speech.Talking);
        Feed(speech, 3040, 9000, _ => 0.01f); // silent for longer than the window
        Assert.False(speech.Talking);
    }

    [Fact]
    public void SamplesAlreadyGivenAreNotCountedTwiceAndResetForgetsAll()
    {
        // The batch look-ahead learns its seconds first and then replays them.
        var speech = Speech();
        Feed(speech, 0, 3000, t => Syllables(t, 3));
        var openings = speech.Openings();
        Feed(speech, 0, 3000, t => Syllables(t, 3));
        Assert.Equal(openings, speech.Openings());
        speech.Reset();
        Assert.Equal(0, speech.Openings());
        Assert.False(speech.Talking);
    }

    [Fact]
    public void AnUnknownGapIsSkipped()
    {
        var speech = Speech();
        Feed(speech, 0, 4000, t => t % 400 < 40 ? float.NaN : Syllables(t, 3));
        Assert.True(speech.Talking);
    }

    [Fact]
    public void AnOpeningCountsOnceThoughItWaversAndAHalfOpeningNotAtAll()
    {
        // Every 800 ms the lips open to 0.09 for 200 ms, wavering down to 0.045 in the middle of it; between, at 0.01.
        // Median 0.01, 90th percentile 0.09: the midpoint is 0.05, an opening is counted above 0.062 and ends below
        // 0.038. So the waver does not end the opening, and the last one, which reaches only 0.055, is none.
        var speech = Speech();
        Feed(speech, 0, 4760, t => (t % 800) switch
        {
            >= 400 and < 600 when t >= 4000 => 0.055f,
            >= 480 and < 520 => 0.045f,
            >= 400 and < 600 => 0.09f,
            _ => 0.01f,
        });
        Assert.Equal(5, speech.Openings());
    }
}
