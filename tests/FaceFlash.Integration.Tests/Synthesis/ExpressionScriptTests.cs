using FaceFlash.Synthesis;

namespace FaceFlash.Integration.Tests.Synthesis;

/// <summary>Where a script puts its expressions in a short clip, by lead-in.</summary>
public sealed class ExpressionScriptTests
{
    private static List<double> Onsets(double leadInMs) =>
        Enumerable.Range(1, 60).Select(seed => ExpressionScript.Generate(
                new SynthOptions { DurationS = 3, MicroEvents = 1, MacroEvents = 0, BlinksPerMinute = 0, LeadInMs = leadInMs }, new Random(seed)))
            .Select(script => Assert.Single(script.Events).Truth.OnsetMs).ToList();

    [Fact]
    public void TheDefaultLeadInKeepsTheFirstSecondAndAHalfCalm() =>
        Assert.All(Onsets(new SynthOptions().LeadInMs), onset => Assert.True(onset >= 1850, $"onset {onset} ms"));

    [Fact]
    public void AShortLeadInSpreadsExpressionsFromSixTenthsOfASecond()
    {
        var onsets = Onsets(250);
        Assert.All(onsets, onset => Assert.True(onset >= 600, $"onset {onset} ms"));
        // Spread over the clip, not bunched at its end: a third of them in its first half.
        Assert.True(onsets.Count(onset => onset < 1500) >= onsets.Count / 3, string.Join(", ", onsets));
    }
}
