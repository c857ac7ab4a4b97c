using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

public sealed class MissedExpressionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-misses").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

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
    public void AMissWhereNoFaceWasMeasuredIsSaidToBeUnseen()
    {
        // 25 fps, one face: followed on frames 1–50 and 56–100; frames 51–55 have no face, a retake on frame 76, and
        // frames 56–75 set aside (the summary's unmeasured stretch) as a reference retaken within a second.
        var frames = Path.Combine(_dir, "clip.frames.csv");
        var rows = Enumerable.Range(1, 100).Select(f => FormattableString.Invariant(
            $"{f},0,{(f - 1) * 0.04:0.###},{(f is >= 51 and <= 55 ? "0,0,unavailable" : f == 76 ? "0.9,1,reference_restarted" : "0.9,1,measured")}"));
        File.WriteAllLines(frames, ["frame,face_id,timestamp,confidence,success,au_status", .. rows]);
        var summary = Path.Combine(_dir, "clip.summary.json");
        File.WriteAllText(summary, """{"unmeasured": [{"face_id": 0, "from_ms": 2200, "to_ms": 2960, "from_frame": 56, "to_frame": 75, "reason": "reference_too_brief"}]}""");
        var measured = MeasuredFrames.Read(frames, summary)!;
        Assert.Equal(1, measured.Share(new Interval(1000, 1100)));
        Assert.Equal(0, measured.Share(new Interval(2000, 2150))); // no face
        Assert.Equal(0, measured.Share(new Interval(2410, 2430))); // between two frames set aside: the nearer one
        Assert.Equal(1, measured.Share(new Interval(1965, 1975))); // between frame 50 (measured) and 51 (no face), nearer 50
        Assert.Equal(0, measured.Share(new Interval(1985, 1995))); // … nearer 51
        Assert.Equal(0, measured.Share(new Interval(2195, 2205))); // frame 56 alone: the stretch's first frame is set aside
        Assert.Equal(0, measured.Share(new Interval(2955, 2965))); // frame 75 alone: and its last
        Assert.Equal(0.5, measured.Share(new Interval(2960, 3080))); // frames 75–78: 75 set aside, 76 retaken

        // A candidate of its own still says what became of it; half its frames measured is not unseen.
        var misses = MissedExpressions.Explain("clip", [Micro(1000, 1100), Micro(2000, 2150), Micro(2400, 2520), Micro(2840, 3040), Micro(2960, 3080)],
            [], [Left(2400, 2520, "speech")], new Lazy<MeasuredFrames?>(() => measured)).ToList();
        Assert.Equal([MissedExpressions.NoCandidate, MissedExpressions.NotMeasured, "speech", MissedExpressions.NotMeasured, MissedExpressions.NoCandidate],
            misses.Select(m => m.Reason));
        // Without the summary's stretches only the frames with no face are known to be unseen.
        measured = MeasuredFrames.Read(frames, Path.Combine(_dir, "none.summary.json"))!;
        Assert.Equal(1, measured.Share(new Interval(2400, 2520)));
        Assert.Null(MeasuredFrames.Read(Path.Combine(_dir, "none.frames.csv"), summary));
        // The status read where it stands when it is not the last column (another build's or a lab's column order).
        File.WriteAllLines(frames, ["frame,face_id,timestamp,success,au_status,AU01_r", "1,0,0,1,measured,0.1", "2,0,0.04,1,unavailable,0.2"]);
        measured = MeasuredFrames.Read(frames, summary)!;
        Assert.Equal((1, 0), (measured.Share(new Interval(0, 0)), measured.Share(new Interval(40, 40))));
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
