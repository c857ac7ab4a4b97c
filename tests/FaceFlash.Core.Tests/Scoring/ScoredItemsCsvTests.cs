using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

/// <summary>
/// <c>faceflash eval</c>'s <c>flags.csv</c> (every reported event, matched or false), <c>blink-matches.csv</c> (every
/// coded and reported blink where all are coded) and <c>clips.csv</c> (each clip's counts).
/// </summary>
public sealed class ScoredItemsCsvTests
{
    private static TruthEvent Coded(string kind, double on, double off, string emotion) => new(kind, on, (on + off) / 2, off, emotion, ["AU12"], null, 0);

    private static PredictedEvent Reported(string kind, double on, double off, string emotion) => new(kind, on, (on + off) / 2, off, emotion);

    private static readonly ClipMatches[] Clips =
    [
        SpottingEvaluator.Match("p01, take 2", new GroundTruth
        {
            Video = "take.avi", Fps = 30, DurationMs = 20_000,
            Events = [Coded("micro", 1000, 1150, "happiness"), Coded("micro", 5000, 5100, "fear"), Coded("macro", 9000, 10_500, "surprise")],
            Blinks = [new TruthBlink(12_000, 12_200)],
        },
        [
            Reported("micro", 1010, 1150, "happiness"), // matched
            Reported("micro", 9000, 9150, "surprise"), // false: overlaps the coded macro, but is micro and too short
            Reported("micro", 12_000, 12_150, "sadness"), // false: a blink, overlapping nothing coded
            Reported("macro", 15_000, 16_000, "anger"), // false: nothing there
        ]),
        SpottingEvaluator.Match("a-first", new GroundTruth { Video = "a.avi", Fps = 30, DurationMs = 5_000, Events = [Coded("micro", 2000, 2100, "anger")] }, []),
        // Every blink coded: the blinks FaceFlash reported are scored (one found, one where none was coded).
        SpottingEvaluator.Match("b-blinks", new GroundTruth
        {
            Video = "b.avi", Fps = 25, DurationMs = 3_000, Blinks = [new TruthBlink(1000, 1160), new TruthBlink(2000, 2200)], BlinksComplete = true,
        }, [], [new Interval(960, 1120), new Interval(2500, 2600)]),
    ];

    [Fact]
    public void EveryReportedEventHasARowWithWhatItMatchedOrOverlapsMost()
    {
        var lines = FlagsCsv.Format(Clips).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FlagsCsv.Header, lines[0]);
        Assert.Equal(
        [
            "\"p01, take 2\",micro,1010,1150,happiness,matched,0.93,micro,1000,1150,happiness",
            "\"p01, take 2\",micro,9000,9150,surprise,false_flag,0.10,macro,9000,10500,surprise",
            "\"p01, take 2\",micro,12000,12150,sadness,false_flag,,,,,",
            "\"p01, take 2\",macro,15000,16000,anger,false_flag,,,,,",
        ], lines[1..]);
    }

    [Fact]
    public void EveryBlinkOfAClipCodingAllBlinksHasARowFoundMissedOrFalse()
    {
        var lines = BlinkMatchesCsv.Format(Clips).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(BlinkMatchesCsv.Header, lines[0]);
        // p01's truth lists only some blinks, so its reported ones are not judged.
        Assert.Equal(["b-blinks,found,1000,1160,960,1120", "b-blinks,missed,2000,2200,,", "b-blinks,false_blink,,,2500,2600"], lines[1..]);
    }

    [Fact]
    public void EachClipsCountsAddUpToThePooledScore()
    {
        var lines = ClipScoresCsv.Format(Clips).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["clip,duration_s,micro_tp,micro_fp,micro_fn,macro_tp,macro_fp,macro_fn,blinks,blinks_flagged_as_micro,blinks_found,blinks_false",
            "a-first,5,0,0,1,0,0,0,0,0,,", "b-blinks,3,0,0,0,0,0,0,2,0,1,1", "\"p01, take 2\",20,1,2,1,0,1,1,1,1,,"], lines);
        var pooled = SpottingEvaluator.Pool(Clips);
        Assert.Equal((1, 2, 2), (pooled.Micro.TruePositives, pooled.Micro.FalsePositives, pooled.Micro.FalseNegatives));
        Assert.Equal(new KindScore("blink", 1, 1, 1), pooled.Blink);
        Assert.Equal(1, pooled.BlinkClips);
    }
}
