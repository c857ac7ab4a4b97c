using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>The segmenter: the ends of a face's stream, reference retakes, the batch look-ahead and the warm-up.</summary>
public sealed partial class ExpressionSegmenterTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnEventInProgressWhenFramesStopIsReportedTruncatedAtTheLastFrameSeen(bool faceLost)
    {
        // For 250 ms the face is lost, or frames are missing (dropped while recorded, or live to keep up) with the face
        // there on both sides: until the thirty-third session the second forgot the smile in progress without a word.
        var step = 10.0;
        long frame = 0;
        for (var t = 0.0; t <= 3000; t += step)
        {
            if (t is > 1050 and < 1300)
            {
                if (faceLost) _segmenter.Finish(_output);
                continue;
            }
            var a = Ramp(t, 1000, 1400, 2f);
            Add(t, frame++, Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a)));
        }
        var e = Assert.Single(_events); // and the rest of the smile, whose onset was not seen, is not a second one
        Assert.True(e.Truncated);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.InRange(e.OnsetMs, 990, 1030);
        Assert.Equal(1050, e.OffsetMs);
        Assert.Equal(1050, e.FlaggedAtMs);
    }

    [Fact]
    public void AnExpressionStillOnTheFaceWhenTheVideoEndsIsReportedTruncated()
    {
        Run(100, 2000, t =>
        {
            var a = Ramp(t, 1500, 2600, 2f); // a 1.1 s smile, cut by the end of the video at 2 s
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a));
        });
        Assert.Empty(_events);
        _segmenter.Finish(_output);
        var e = Assert.Single(_events);
        Assert.True(e.Truncated);
        Assert.Equal(EventKind.Macro, e.Kind);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        // A macro-expression is timed along its slopes: the line through a fifth and four fifths of this sine's rise
        // meets zero some 15 ms before it starts (its foot, where it leaves rest, some 40 ms after).
        Assert.InRange(e.OnsetMs, 1470, 1560);
        Assert.Equal(2000, e.OffsetMs);
    }

    [Fact]
    public void AnExpressionBackAtRestJustBeforeTheEndIsWholeNotTruncated()
    {
        // Over 20 ms before the end, so the hold that would have confirmed its offset had not passed.
        Run(100, 1140, t =>
        {
            var a = Ramp(t, 1000, 1120, 2f);
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a));
        });
        Assert.Empty(_events);
        _segmenter.Finish(_output);
        var e = Assert.Single(_events);
        Assert.False(e.Truncated);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.InRange(e.OffsetMs, 1090, 1130);
    }

    [Fact]
    public void BatchLookAheadFindsAMovementInTheFirstSecond()
    {
        var batch = new ExpressionSegmenter(7, new SegmenterOptions(), new EmotionLabeler(), []);
        var flaggedOn = new List<double>();
        for (var t = 0.0; t <= 5000; t += 40)
        {
            var a = Ramp(t, 600, 760, 2f); // 0.6 s into the clip: the causal segmenter's levels are still forming
            var before = _events.Count;
            batch.Add(new FaceSample(t, (long)(t / 40), Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a)), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), _output);
            if (_events.Count > before) flaggedOn.Add(t);
            _segmenter.Add(new FaceSample(t, (long)(t / 40), Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a)), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), new SegmenterOutput());
        }
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.InRange(e.OnsetMs, 560, 640);
        Assert.Equal(3000, Assert.Single(flaggedOn)); // once the look-ahead is full, on that frame
        Assert.Equal(3000, e.FlaggedAtMs);
    }

    [Fact]
    public void LiveSaysAMovementInTheFirstSecondWasNotReportedAndWhy()
    {
        Run(25, 3000, t =>
        {
            var a = Ramp(t, 600, 760, 2f);
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a));
        });
        Assert.Empty(_events);
        var m = Assert.Single(_output.Unreported);
        Assert.Equal(NotReportedReason.BeforeLevelsFormed, m.Reason);
        Assert.InRange(m.OnsetMs, 560, 640);
        Assert.Equal("AU06+AU12", m.Aus);
    }

    [Fact]
    public void AClipShorterThanTheLookAheadIsMeasuredWhenItEnds()
    {
        var batch = new ExpressionSegmenter(7, new SegmenterOptions(), new EmotionLabeler(), []);
        for (var t = 0.0; t <= 2000; t += 40)
        {
            var a = Ramp(t, 1200, 1360, 2f);
            batch.Add(new FaceSample(t, (long)(t / 40), Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.6f)), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), _output);
        }
        Assert.Empty(_events);
        batch.Finish(_output);
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.False(e.Truncated);
    }

    /// <summary>
    /// A batch segmenter fed a face whose reference is retaken every <paramref name="referenceMs"/> (as on a webcam
    /// clip where the person leans in and out), with a brief brow raise at 1.2 s into the second reference.
    /// </summary>
    private void RunWithRetakes(double referenceMs)
    {
        var batch = new ExpressionSegmenter(7, new SegmenterOptions(), new EmotionLabeler(), []);
        var retakeAt = referenceMs;
        for (var t = 0.0; t <= 3 * referenceMs; t += 40)
        {
            if (t >= retakeAt)
            {
                batch.Interrupt(_output);
                retakeAt += referenceMs;
                continue; // the retake frame itself measures nothing
            }
            var a = Ramp(t, referenceMs + 1200, referenceMs + 1360, 2f);
            batch.Add(new FaceSample(t, (long)(t / 40), Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.6f)), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), _output);
        }
    }

    [Fact]
    public void BetweenQuickReferenceRetakesBatchStillMeasuresWhatLiveWould()
    {
        // References of 2 s never fill the 3 s look-ahead; what each held is measured when it is retaken.
        RunWithRetakes(2000);
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.InRange(e.OnsetMs, 3150, 3250);
        Assert.False(e.Truncated);
    }

    [Fact]
    public void AReferenceShorterThanTheWarmUpFormsNoLevels()
    {
        // 0.9 s references: live analysis would still be forming its levels, and batch does not measure them either.
        RunWithRetakes(900);
        Assert.Empty(_events);
    }

    /// <summary>Resting samples every 40 ms from <paramref name="fromMs"/> to <paramref name="toMs"/>, both included.</summary>
    private void Rest(ExpressionSegmenter segmenter, double fromMs, double toMs)
    {
        for (var t = fromMs; t <= toMs; t += 40)
            segmenter.Add(new FaceSample(t, (long)(t / 40), Aus(), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), _output);
    }

    [Fact]
    public void TheTimeInWhichNothingCouldBeReportedIsCounted()
    {
        // Batch: a reference retaken after 0.48 s is set aside unmeasured; one that lived 2 s, and a face lost after
        // 0.44 s of its last reference, are measured.
        var batch = new ExpressionSegmenter(7, new SegmenterOptions(), new EmotionLabeler(), []);
        Rest(batch, 0, 480);
        batch.Interrupt(_output);
        Assert.Equal(480, batch.UnmeasuredMs, 6);
        Rest(batch, 520, 2520);
        batch.Interrupt(_output);
        Rest(batch, 2560, 3000);
        batch.Finish(_output);
        Assert.Equal(480, batch.UnmeasuredMs, 6);
        // Listed with the frames as the frames CSV numbers them (samples 0–12 here).
        Assert.Equal([new UnmeasuredStretch(7, 0, 480, 1, 13, UnmeasuredReasons.ReferenceTooBrief)], batch.Unmeasured);

        // Live: each reference's first second, while its levels form, or all of it when it lived less.
        Rest(_segmenter, 0, 2000);
        _segmenter.Interrupt(_output);
        Assert.Equal(1000, _segmenter.UnmeasuredMs, 6);
        Rest(_segmenter, 2040, 2440);
        _segmenter.Finish(_output);
        Assert.Equal(1400, _segmenter.UnmeasuredMs, 6);
        Assert.Equal([new UnmeasuredStretch(7, 0, 1000, 1, 26, UnmeasuredReasons.LevelsForming),
            new UnmeasuredStretch(7, 2040, 2440, 52, 62, UnmeasuredReasons.LevelsForming)], _segmenter.Unmeasured);
    }

    [Fact]
    public void AMovementThatEndedIsReportedWhenTheReferenceIsRetakenRightAfter()
    {
        // Live: the brows are back at rest, but the pulse is still waiting for AUs that started with it when the
        // reference is retaken; it measured against one reference throughout, so it counts.
        var frame = 0L;
        for (var t = 0.0; t <= 1400; t += 10)
        {
            var a = Ramp(t, 1200, 1320, 2f);
            var slow = Ramp(t, 1210, 1900, 1.5f); // the lower lid, still moving
            Add(t, frame++, Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.6f), (ActionUnit.AU07, slow)));
        }
        Assert.Empty(_events);
        _segmenter.Interrupt(_output);
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.Equal(EventKind.Micro, e.Kind);
    }

    [Fact]
    public void AfterARetakeTheFacesLevelsAreLearntAnewFromTheNewReference()
    {
        // Live. Until 8 s the brows read high and restless against their reference (a turn distorting the templates
        // before the reference is retaken): that is the old reference's noise. From the retake they rest, and a brief
        // brow raise at 11 s stands out of the new reference's noise — not of the old one, which would still fill most
        // of the 5 s level window had it been kept.
        var frame = 0L;
        for (var t = 0.0; t < 8000; t += 40)
        {
            var restless = (float)(1.2 + 0.9 * Math.Sin(2 * Math.PI * t / 130) * Math.Sin(2 * Math.PI * t / 970));
            Add(t, frame++, Aus((ActionUnit.AU01, restless), (ActionUnit.AU02, restless)));
        }
        _segmenter.Interrupt(_output);
        for (var t = 8040.0; t <= 14000; t += 40)
        {
            var a = Ramp(t, 11000, 11160, 1f);
            Add(t, frame++, Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, 0.6f * a)));
        }
        _segmenter.Finish(_output);
        var e = Assert.Single(_events, e => e.OnsetMs > 8000);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.InRange(e.OnsetMs, 10950, 11050);
    }

    [Fact]
    public void AMovementInProgressWhenTheReferenceIsRetakenIsListedAsNotReported()
    {
        // The brows are still up when the reference is retaken: what follows measures from a face that holds them, so
        // the movement's fall is never seen. Reporting it, marked truncated, as the end of a video is, was measured on
        // the tuning sets (twice: the thirty-fifth session found the same): one more injected micro-expression found,
        // 23 more false flags, the untouched videos' 3 → 8. It is listed as not reported, so that a coder sees where.
        var frame = 0L;
        for (var t = 0.0; t <= 1280; t += 10)
        {
            var a = Ramp(t, 1200, 1400, 2f);
            Add(t, frame++, Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.6f)));
        }
        _segmenter.Interrupt(_output);
        Assert.Empty(_events);
        var abandoned = Assert.Single(_output.Unreported);
        Assert.Equal(NotReportedReason.ReferenceRetaken, abandoned.Reason);
        Assert.Equal("AU01+AU02+AU05", abandoned.Aus);
        Assert.InRange(abandoned.OnsetMs, 1190, 1220);
        Assert.Equal(1280, abandoned.OffsetMs); // the last frame measured
        Assert.Equal(129, abandoned.OffsetFrame); // numbered from 1, as the frames file numbers them
        _segmenter.Finish(_output);
        Assert.Empty(_events);
        Assert.Single(_output.Unreported);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(25, true)]
    [InlineData(50, false)]
    [InlineData(200, false)]
    public void LowFrameRatesAreWarnedAbout(double fps, bool warned)
    {
        var warning = new SegmenterOptions().ResolutionWarning(fps);
        Assert.Equal(warned, warning is not null);
        if (warned) Assert.Contains($"{fps:0} fps", warning);
    }

    [Fact]
    public void ARateTooLowToFollowAMovementIsSaidToFindNothing()
    {
        // Each frame 200 ms after the last: every sample abandons what was in progress.
        Run(5, 6000, t =>
        {
            var a = Ramp(t, 3000, 4500, 2f);
            return Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a));
        });
        _segmenter.Finish(_output);
        Assert.Empty(_events);
        Assert.True(new SegmenterOptions().TooSlowToFollow(5));
        Assert.False(new SegmenterOptions().TooSlowToFollow(8));
        Assert.Contains("no expression or blink can be found", new SegmenterOptions().ResolutionWarning(5));
        Assert.DoesNotContain("can be found", new SegmenterOptions().ResolutionWarning(8));
    }

    [Fact]
    public void NothingIsReportedBeforeTheNeutralFloorHasFormed()
    {
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 300, 450, 2f);
            return Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a));
        });
        Assert.Empty(_events);
    }
}
