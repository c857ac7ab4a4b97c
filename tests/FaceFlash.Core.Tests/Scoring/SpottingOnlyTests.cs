using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

public sealed class SpottingOnlyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spotting-only").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void OnlyMovementsLeftOutForTheirEmotionBecomePredictionsOfTheKindTheirDurationSays()
    {
        UnreportedRow[] rows =
        [
            new(0, 1000, 1150, "no_emotion_match", "AU01+AU04"),
            new(0, 2000, 2400, "low_confidence", "AU09"),
            new(0, 3000, 3100, "speech", "AU25"),
            new(0, 4000, 4100, "eyelid_only", ""),
        ];
        var spotted = SpottingOnly.Candidates(rows, microMaxMs: 200).ToList();
        Assert.Equal(["micro", "macro"], spotted.Select(p => p.Kind));
        Assert.Equal([1000.0, 2000.0], spotted.Select(p => p.OnsetMs));
        Assert.All(spotted, p => Assert.Equal("", p.Emotion));
        Assert.All(spotted, p => Assert.True(double.IsNaN(p.ApexMs)));
        // With MEGC's 500 ms bound the 400 ms movement is micro.
        Assert.Equal(["micro", "micro"], SpottingOnly.Candidates(rows, microMaxMs: 500).Select(p => p.Kind));
    }

    [Fact]
    public void TheMicroBoundComesFromTheRunsSummaryOrTheDefault()
    {
        var summary = Path.Combine(_dir, "clip.summary.json");
        File.WriteAllText(summary, """{"segmenter": {"micro_min_ms": 40, "micro_max_ms": 500}}""");
        Assert.Equal(500, SpottingOnly.MicroMaxMs(summary));
        Assert.Equal(200, SpottingOnly.MicroMaxMs(Path.Combine(_dir, "missing.summary.json")));
    }

    [Fact]
    public void UnlabelledMatchesCountForSpottingButNotForEmotionAccuracyOrApexError()
    {
        var truth = new GroundTruth
        {
            Video = "v.avi", Fps = 100, DurationMs = 10_000,
            Events = [new("micro", 1000, 1050, 1100, "fear", ["AU01"], null, 2), new("micro", 3000, 3050, 3100, "anger", ["AU04"], null, 2)],
        };
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth,
            [new PredictedEvent("micro", 1000, 1060, 1100, "fear"), new PredictedEvent("micro", 3000, double.NaN, 3100, "")])]);
        Assert.Equal(2, report.Micro.TruePositives);
        Assert.Equal(1, report.EmotionAccuracy);
        Assert.Equal(10, report.MeanApexErrorMs);
    }
}
