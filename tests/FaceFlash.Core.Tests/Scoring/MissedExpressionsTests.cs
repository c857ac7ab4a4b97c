using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

public sealed class MissedExpressionsTests
{
    private static TruthEvent Micro(double on, double off, string emotion = "sadness") =>
        new("micro", on, (on + off) / 2, off, emotion, ["AU01", "AU04", "AU15"], null, 2);

    private static UnreportedRow Left(double on, double off, string reason, string aus = "AU01") => new(0, on, off, reason, aus);

    [Fact]
    public void AMissIsExplainedByTheCandidateThatOverlapsItMostNotTheFirstThatTouchesIt()
    {
        // A word's lip movement touches the brow movement first; the brow movement itself matched no prototype.
        var truth = Micro(1380, 1520);
        var miss = Assert.Single(MissedExpressions.Explain("clip", [truth], [],
            [Left(1040, 1400, "speech", "AU14+AU26"), Left(1360, 1520, "no_emotion_match", "AU01+AU04")]));
        Assert.Equal("no_emotion_match", miss.Reason);
        Assert.Equal("AU01+AU04", miss.CandidateAus);
        Assert.Equal(new Interval(1360, 1520), miss.Candidate);
        Assert.Equal(140.0 / 160, miss.Overlap, 6);
    }

    [Fact]
    public void ACandidateThatOverlapsTooLittleIsAnotherMovementAndOneThatDoesNotOverlapIsNone()
    {
        var misses = MissedExpressions.Explain("clip", [Micro(1000, 1100), Micro(5000, 5100)], [],
            [Left(900, 1500, "speech")]).ToList(); // IoU 100 / 600
        Assert.Equal(MissedExpressions.InsideAnotherMovement, misses[0].Reason);
        Assert.Equal("speech", misses[0].CandidateOutcome); // what swallowed it is still named
        Assert.Equal(MissedExpressions.NoCandidate, misses[1].Reason);
        Assert.Null(misses[1].Candidate);
    }

    [Fact]
    public void AMovementCutByAReferenceRetakeIsSetAgainstTheExpressionUpToTheRetake()
    {
        // A 1.34 s surprise whose reference was retaken 0.44 s in: the movement listed ends there, a quarter of the
        // expression's time, yet it was the expression; a speech movement as long elsewhere in it is not.
        var surprise = new TruthEvent("macro", 10_578, 11_250, 11_919, "surprise", ["AU01", "AU02", "AU05", "AU26"], null, 8);
        var miss = Assert.Single(MissedExpressions.Explain("clip", [surprise], [], [Left(10_670, 11_014, "reference_retaken", "AU01+AU02+AU05")]));
        Assert.Equal("reference_retaken", miss.Reason);
        Assert.Equal(344.0 / 436, miss.Overlap, 6);
        miss = Assert.Single(MissedExpressions.Explain("clip", [surprise], [], [Left(10_670, 11_014, "speech", "AU25+AU26")]));
        Assert.Equal(MissedExpressions.InsideAnotherMovement, miss.Reason);
    }

    [Fact]
    public void AReportedEventThatIsTheSameMovementWithAnotherKindOrTimingIsSaidSo()
    {
        var miss = Assert.Single(MissedExpressions.Explain("clip", [Micro(1000, 1150)], [new PredictedEvent("macro", 1000, 1100, 1400, "sadness")],
            [Left(1000, 1130, "low_confidence")])); // 0.5 against 0.87: the report stands for it only when it overlaps most
        Assert.Equal("low_confidence", miss.Reason);
        miss = Assert.Single(MissedExpressions.Explain("clip", [Micro(1000, 1150)], [new PredictedEvent("macro", 1000, 1100, 1400, "sadness")], []));
        Assert.Equal(MissedExpressions.ReportedOtherwise, miss.Reason);
        Assert.Equal("reported macro sadness", miss.CandidateOutcome);
    }

    [Fact]
    public void WithoutUnreportedMovementsTheReasonIsUnknownAndCountsArePerKind()
    {
        var macro = new TruthEvent("macro", 3000, 3500, 4000, "anger", ["AU04"], null, 5);
        var misses = MissedExpressions.Explain("a", [Micro(1000, 1100), macro], [], null)
            .Concat(MissedExpressions.Explain("b", [Micro(1000, 1100), Micro(2000, 2100)], [], [Left(2000, 2100, "speech")])).ToList();
        Assert.Equal(new Dictionary<string, int> { ["no_candidate"] = 1, ["speech"] = 1, ["unknown"] = 1 }, MissedExpressions.Count(misses, "micro"));
        Assert.Equal(new Dictionary<string, int> { ["unknown"] = 1 }, MissedExpressions.Count(misses, "macro"));
    }

    [Fact]
    public void MissesCsvHasOneRowPerMissAndLeavesCandidateFieldsEmptyWhenNothingOverlapped()
    {
        var misses = MissedExpressions.Explain("talker, take 2", [Micro(1000, 1100), Micro(5000, 5100)], [], [Left(1000, 1100, "speech", "AU25")]);
        var lines = MissesCsv.Format(misses).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(MissesCsv.Header, lines[0]);
        Assert.Equal("\"talker, take 2\",micro,1000,1100,sadness,AU01+AU04+AU15,speech,1.00,1000,1100,speech,AU25", lines[1]);
        Assert.Equal("\"talker, take 2\",micro,5000,5100,sadness,AU01+AU04+AU15,no_candidate,0.00,,,,", lines[2]);
    }
}
