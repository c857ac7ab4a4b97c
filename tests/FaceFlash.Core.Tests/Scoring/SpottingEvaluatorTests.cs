using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

public sealed class SpottingEvaluatorTests
{
    private static GroundTruth Truth(params TruthEvent[] events) => new()
    {
        Video = "v.avi", Fps = 100, DurationMs = 60_000, Events = events,
        Blinks = [new TruthBlink(30_000, 30_250)],
    };

    private static TruthEvent Event(string kind, double on, double off, string emotion = "happiness") =>
        new(kind, on, (on + off) / 2, off, emotion, ["AU06", "AU12"], null, 2);

    [Fact]
    public void CodersNamesForTheSevenAreScoredAndLabelsOutsideThemAreLeftOut()
    {
        // CASME II codes "others" and "repression", SAMM "Other"; coders in ELAN write "Happy" or "surprised".
        var truth = Truth(Event("micro", 1000, 1150, "Happy"), Event("micro", 5000, 5100, "surprised "), Event("micro", 9000, 9150, "others"),
            Event("micro", 12_000, 12_150, "repression"), Event("micro", 15_000, 15_150, "Others"), Event("micro", 18_000, 18_150, ""),
            Event("micro", 21_000, 21_150, "afraid"));
        string[] said = ["happiness", "surprise", "happiness", "disgust", "sadness", "anger", "sadness"];
        var predicted = truth.Events.Select((e, i) => new PredictedEvent(e.Kind, e.OnsetMs, e.ApexMs, e.OffsetMs, said[i])).ToList();
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth, predicted)]);
        Assert.Equal(7, report.Micro.TruePositives);
        Assert.Equal(3, report.EmotionsScored); // happy, surprised, afraid
        Assert.Equal(2 / 3.0, report.EmotionAccuracy, 6); // "afraid" is fear, not sadness
        Assert.Equal(new Dictionary<string, int> { ["(none)"] = 1, ["others"] = 2, ["repression"] = 1 }, report.EmotionsNotScored);
    }

    [Fact]
    public void TheConfusionMatrixSaysWhichEmotionsWereTakenForWhich()
    {
        // Coded: two fears, a surprise, an anger and an "others"; reported: one fear as surprise.
        var truth = Truth(Event("micro", 1000, 1150, "fear"), Event("micro", 3000, 3150, "Afraid"), Event("micro", 5000, 5100, "surprise"),
            Event("micro", 7000, 7100, "anger"), Event("micro", 9000, 9100, "others"));
        string[] said = ["surprise", "fear", "surprise", "anger", "happiness"];
        var predicted = truth.Events.Select((e, i) => new PredictedEvent(e.Kind, e.OnsetMs, e.ApexMs, e.OffsetMs, said[i])).ToList();
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth, predicted)]);
        // Rows and columns in the seven's order, only those that occur; "others" is not scored.
        Assert.Equal(["anger", "fear", "surprise"], report.EmotionConfusion.Keys);
        Assert.Equal(new Dictionary<string, int> { ["anger"] = 0, ["fear"] = 1, ["surprise"] = 1 }, report.EmotionConfusion["fear"]);
        Assert.Equal(new Dictionary<string, int> { ["anger"] = 1, ["fear"] = 0, ["surprise"] = 0 }, report.EmotionConfusion["anger"]);
        var diagonal = report.EmotionConfusion.Sum(row => row.Value[row.Key]);
        Assert.Equal(report.EmotionAccuracy, diagonal / (double)report.EmotionsScored, 6);
    }

    [Fact]
    public void FoundExpressionsAreCountedByAmplitudeInWholePixels()
    {
        TruthEvent Moving(string kind, double on, double off, double px) => Event(kind, on, off) with { AmplitudePx = px };
        var truth = Truth(Moving("micro", 1000, 1150, 1.2), Moving("micro", 3000, 3150, 1.9), Moving("micro", 5000, 5100, 3.5),
            Moving("micro", 7000, 7100, 3.0), Moving("macro", 9000, 10500, 6.4));
        // Found: the 1.9 px and both 3 px ones, and the macro-expression; the 1.2 px one missed.
        var predicted = truth.Events.Where(e => e.AmplitudePx > 1.5).Select(e => new PredictedEvent(e.Kind, e.OnsetMs, e.ApexMs, e.OffsetMs, e.Emotion)).ToList();
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth, predicted)]);
        Assert.Equal([new AmplitudeBin(1, 2, 1, 2), new AmplitudeBin(3, 4, 2, 2)], report.MicroFoundByAmplitude);
        Assert.Equal([new AmplitudeBin(6, 7, 1, 1)], report.MacroFoundByAmplitude);
        // A human coding gives no amplitudes: no bins.
        var coded = Truth(Moving("micro", 1000, 1150, 0));
        Assert.Empty(SpottingEvaluator.Pool([SpottingEvaluator.Match("v", coded, [])]).MicroFoundByAmplitude);
    }

    [Fact]
    public void APerfectPredictionScoresF1One()
    {
        var truth = Truth(Event("micro", 1000, 1150), Event("micro", 5000, 5100, "fear"), Event("macro", 9000, 10500, "anger"));
        var predicted = truth.Events.Select(e => new PredictedEvent(e.Kind, e.OnsetMs, e.ApexMs, e.OffsetMs, e.Emotion)).ToList();
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth, predicted)]);
        Assert.Equal(1, report.Micro.F1);
        Assert.Equal(1, report.Macro.F1);
        Assert.Equal(1, report.EmotionAccuracy);
        Assert.Equal(0, report.MeanApexErrorMs);
        Assert.Equal(0, report.BlinksFlaggedAsMicro);
    }

    [Fact]
    public void MatchedEventsTimingIsTheMedianErrorAndDurationsWithinOneFrameOfTheClip()
    {
        // 100 fps: frames 10 ms apart.
        var truth = Truth(Event("micro", 1000, 1150), Event("micro", 5000, 5100), Event("macro", 9000, 10500));
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth,
        [
            new PredictedEvent("micro", 1010, 1075, 1150, "happiness"), // onset 10 late: 10 ms short, within a frame
            new PredictedEvent("micro", 4980, 5050, 5120, "happiness"), // 20 early, 20 late: 40 ms long
            new PredictedEvent("macro", 9000, 9500, 10530, "happiness"), // 30 ms long
        ])]);
        var timing = report.Timing;
        Assert.Equal(10, timing.MedianOnsetErrorMs);
        Assert.Equal(20, timing.MedianOffsetErrorMs);
        Assert.Equal(30, timing.MedianDurationErrorMs);
        Assert.Equal(30, timing.MedianDurationBiasMs); // −10, +40, +30: reported longer
        Assert.Equal(1, timing.DurationsWithinOneFrame);
        Assert.Equal(3, timing.DurationsTimed);
        // The same per kind: the micro-expressions alone, and the macro one.
        Assert.Equal((15, 2, 1), (report.MicroTiming.MedianDurationBiasMs, report.MicroTiming.DurationsTimed, report.MicroTiming.DurationsWithinOneFrame));
        Assert.Equal((30, 1, 0), (report.MacroTiming.MedianDurationBiasMs, report.MacroTiming.DurationsTimed, report.MacroTiming.DurationsWithinOneFrame));
    }

    [Fact]
    public void TruthWithoutAFrameRateTimesOnsetsButNotFrames()
    {
        var truth = Truth(Event("micro", 1000, 1150)) with { Fps = 0 };
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth, [new PredictedEvent("micro", 1000, 1075, 1150, "happiness")])]);
        Assert.Equal(0, report.Timing.MedianOnsetErrorMs);
        Assert.Equal(0, report.Timing.DurationsTimed);
    }

    [Fact]
    public void IouBelowHalfOrTheWrongKindIsNotAMatch()
    {
        var truth = Truth(Event("micro", 1000, 1200), Event("macro", 5000, 6000));
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth,
        [
            new PredictedEvent("micro", 1150, 1400, 1500, "happiness"), // IoU 0.1
            new PredictedEvent("micro", 5000, 5500, 6000, "happiness"), // right time, wrong kind
        ])]);
        Assert.Equal(new KindScore("micro", 0, 2, 1), report.Micro);
        Assert.Equal(new KindScore("macro", 0, 0, 1), report.Macro);
        Assert.Equal(0, report.Micro.F1);
    }

    [Fact]
    public void EachTruthMatchesOnePredictionOnly()
    {
        var truth = Truth(Event("micro", 1000, 1200));
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", truth,
        [
            new PredictedEvent("micro", 1000, 1100, 1200, "happiness"),
            new PredictedEvent("micro", 1010, 1100, 1190, "happiness"),
        ])]);
        Assert.Equal(new KindScore("micro", 1, 1, 0), report.Micro);
        Assert.Equal(2.0 / 3, report.Micro.F1, 6);
    }

    [Fact]
    public void FalseFlagsPerMinuteCountClipsWithoutEventsAndBlinksFlaggedAsMicro()
    {
        var quiet = Truth();
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("q", quiet,
        [
            new PredictedEvent("micro", 30_050, 30_100, 30_150, "surprise"), // on the blink
            new PredictedEvent("macro", 40_000, 40_500, 41_000, "anger"),
        ])]);
        Assert.Equal(2, report.FalseFlagsPerMinuteWithoutEvents, 6);
        Assert.Equal(1, report.BlinksFlaggedAsMicro);
    }

    [Fact]
    public void PrecisionRecallAndF1AreTheUsualOnes()
    {
        // The README's held-out blob overlays: micro 13 found, 4 false, 64 missed.
        var micro = new KindScore("micro", 13, 4, 64);
        Assert.Equal((13 / 17.0, 13 / 77.0), (micro.Precision, micro.Recall));
        Assert.Equal(0.277, micro.F1, 3);
        Assert.Equal(2 * micro.Precision * micro.Recall / (micro.Precision + micro.Recall), micro.F1, 12);
        // Nothing found is F1 0 while something was coded or reported; with neither there is nothing to score.
        Assert.Equal(0, new KindScore("macro", 0, 2, 5).F1);
        var none = new KindScore("macro", 0, 0, 0);
        Assert.Equal((double.NaN, double.NaN, double.NaN), (none.Precision, none.Recall, none.F1));
    }

    [Fact]
    public void RatesAndMeansArePooledOverEveryClip()
    {
        // Two clips without expressions (60 s and 30 s, three false flags between them) and one with two, found with
        // their apexes 20 and 40 ms off and a false flag on its blink; each clip has one blink, flagged as micro in the
        // first and the third (the second's lies under a macro flag, which is no blink taken for a micro-expression).
        var report = SpottingEvaluator.Pool(
        [
            SpottingEvaluator.Match("quiet-60s", Truth(),
            [
                new PredictedEvent("micro", 30_050, 30_100, 30_150, "surprise"), // on the blink
                new PredictedEvent("macro", 40_000, 40_500, 41_000, "anger"),
            ]),
            SpottingEvaluator.Match("quiet-30s", Truth() with { DurationMs = 30_000, Blinks = [new TruthBlink(10_000, 10_200)] },
                [new PredictedEvent("macro", 9_800, 10_300, 10_900, "anger")]),
            SpottingEvaluator.Match("two", Truth(Event("micro", 1000, 1150), Event("micro", 5000, 5100)),
            [
                new PredictedEvent("micro", 1000, 1095, 1150, "happiness"),
                new PredictedEvent("micro", 5000, 5010, 5100, "happiness"),
                new PredictedEvent("micro", 30_000, 30_050, 30_100, "happiness"), // on its blink
            ]),
        ]);
        Assert.Equal(3 / 1.5, report.FalseFlagsPerMinuteWithoutEvents, 6); // over the 1.5 minutes without expressions
        Assert.Equal(1.5, report.MinutesWithoutEvents, 6);
        Assert.Equal(3, report.Blinks);
        Assert.Equal(2 / 3.0, report.BlinksFlaggedAsMicro, 6);
        Assert.Equal(30, report.MeanApexErrorMs, 6);
        Assert.Equal((2, 2, 0), (report.Micro.TruePositives, report.Micro.FalsePositives, report.Micro.FalseNegatives));
        Assert.Equal((0, 2, 0), (report.Macro.TruePositives, report.Macro.FalsePositives, report.Macro.FalseNegatives));
    }

    private static (int Found, int Missed, int False) Counts(BlinkDetection d) => (d.Found, d.Missed, d.False);

    [Fact]
    public void BlinksAreScoredOnlyWhereEveryBlinkIsCodedEachFoundOnceByAnyOverlap()
    {
        TruthBlink[] coded = [new(1000, 1160), new(1320, 1480), new(2840, 2960)];
        Interval[] reported = [new(960, 1120), new(1100, 1500), new(2800, 2960), new(2000, 2100)];
        Assert.Equal((3, 0, 1), Counts(BlinkDetection.Match(coded, reported)));
        // One long report overlapping two coded blinks finds one of them (the larger overlap), not both.
        var longReport = BlinkDetection.Match(coded, [new(1100, 1500), new(2800, 2960)]);
        Assert.Equal((2, 1, 0), Counts(longReport));
        Assert.Equal([(1, 0), (2, 1)], longReport.Pairs.OrderBy(p => p.Coded));

        var complete = new GroundTruth { Video = "v.mpg", Fps = 25, DurationMs = 3000, Blinks = coded, BlinksComplete = true };
        var report = SpottingEvaluator.Pool([SpottingEvaluator.Match("v", complete, [], reported)]);
        Assert.Equal(new KindScore("blink", 3, 1, 0), report.Blink);
        Assert.Equal(0.75, report.Blink!.Precision, 6);
        // An overlay lists only the blinks it added, not the person's own: its blink detection is not scored.
        var overlay = complete with { BlinksComplete = false };
        Assert.Null(SpottingEvaluator.Match("o", overlay, [], reported).BlinkDetection);
        Assert.Null(SpottingEvaluator.Pool([SpottingEvaluator.Match("o", overlay, [], reported)]).Blink);
        Assert.True(GroundTruth.Parse(complete.ToJson(), "v.truth.json").BlinksComplete);
        Assert.False(GroundTruth.Parse("""{"video":"v.mpg","fps":25,"duration_ms":3000}""", "old.truth.json").BlinksComplete);
    }

    [Theory]
    [InlineData(0, 100, 50, 150, 1 / 3.0)]
    [InlineData(0, 100, 0, 100, 1)]
    [InlineData(0, 100, 100, 200, 0)]
    public void IntervalIou(double a0, double a1, double b0, double b1, double iou) =>
        Assert.Equal(iou, new Interval(a0, a1).IntersectionOverUnion(new Interval(b0, b1)), 6);
}
