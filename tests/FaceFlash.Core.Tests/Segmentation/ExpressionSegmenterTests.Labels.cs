using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>The segmenter: emotion labels, prototypes, one-sidedness, the classifier, and the movements not reported.</summary>
public sealed partial class ExpressionSegmenterTests
{
    [Fact]
    public void MouthMovementThatMatchesNoEmotionIsNotReported()
    {
        // Speech: lips part and the jaw drops, nothing else.
        Run(50, 3000, t => Aus((ActionUnit.AU25, Ramp(t, 1000, 1300, 2f)), (ActionUnit.AU26, Ramp(t, 1000, 1300, 1.5f))));
        Assert.Empty(_events);
        Assert.Equal(1, NotReported(NotReportedReason.NoEmotionMatch));
    }

    [Fact]
    public void AMovementThatIsNotReportedIsKeptWithItsReasonTimesAndAusAndAReportedOneIsNot()
    {
        // The lips part and the jaw drops (no emotion), then a smile.
        Run(50, 5000, t =>
        {
            var smile = Ramp(t, 3000, 3120, 2f);
            return Aus((ActionUnit.AU25, Ramp(t, 1000, 1300, 2f)), (ActionUnit.AU26, Ramp(t, 1000, 1300, 1.5f)),
                (ActionUnit.AU06, smile * 0.8f), (ActionUnit.AU12, smile), (ActionUnit.AU12L, smile), (ActionUnit.AU12R, smile));
        });
        Assert.Equal(Emotion.Happiness, Assert.Single(_events).Emotion);
        var m = Assert.Single(_output.Unreported);
        Assert.Equal(new UnreportedMovement(7, m.OnsetMs, m.OffsetMs, NotReportedReason.NoEmotionMatch, "AU25+AU26", m.OnsetFrame, m.OffsetFrame), m);
        Assert.InRange(m.OnsetMs, 980, 1020);
        Assert.InRange(m.OffsetMs, 1280, 1320);
        // Its frames, numbered from 1 as the frames CSV numbers them: at 50 fps frame n is at (n − 1) × 20 ms.
        Assert.Equal((m.OnsetMs / 20 + 1, m.OffsetMs / 20 + 1), ((double)m.OnsetFrame, (double)m.OffsetFrame));
    }

    [Fact]
    public void AOneSidedMouthMovementIsSpeechWhenTheLipsOpenAndCloseAsInTalkingThoughTheJawsAusStayStill()
    {
        // The motion estimator's AU25 and AU26 barely move on some talkers; the landmarks' lip gap still opens and closes
        // with each syllable. A one-sided lip-corner pulse then is part of the talking, not contempt.
        foreach (var talking in new[] { false, true })
        {
            var output = new SegmenterOutput();
            var segmenter = new ExpressionSegmenter(7, new SegmenterOptions { LookAheadMs = 0 }, new EmotionLabeler(), []);
            long frame = 0;
            for (var t = 0.0; t <= 3000; t += 10)
            {
                var a = Ramp(t, 1000, 1150, 2f);
                var gap = talking ? 0.01f + 0.08f * (float)Math.Max(0, Math.Sin(2 * Math.PI * 3 * t / 1000)) : 0.01f;
                segmenter.Add(new FaceSample(t, frame++, Aus((ActionUnit.AU12R, a), (ActionUnit.AU14R, a * 0.8f), (ActionUnit.AU14, a * 0.8f)),
                    ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []) { LipGap = gap }, output);
            }
            if (talking)
            {
                Assert.Empty(output.Events);
                Assert.Contains(output.Unreported, u => u.Reason == NotReportedReason.Speech);
            }
            else Assert.Equal(Emotion.Contempt, Assert.Single(output.Events).Emotion);
        }
    }

    [Fact]
    public void TalkingBeforeAReferenceRetakeIsNotTakenForTalkingAfterIt()
    {
        // The lips open and close as in talking until the reference is retaken at 4 s, then the person falls silent;
        // a one-sided lip-corner pull at 6.5 s is contempt, judged by what the new reference saw, not by the talking
        // that still fills the last 5 s.
        var segmenter = new ExpressionSegmenter(7, new SegmenterOptions { LookAheadMs = 0 }, new EmotionLabeler(), []);
        long frame = 0;
        for (var t = 0.0; t <= 8000; t += 10)
        {
            if (t == 4000)
            {
                segmenter.Interrupt(_output);
                continue;
            }
            var a = Ramp(t, 6500, 6650, 2f);
            var gap = t < 4000 ? 0.01f + 0.08f * (float)Math.Max(0, Math.Sin(2 * Math.PI * 3 * t / 1000)) : 0.01f;
            segmenter.Add(new FaceSample(t, frame++, Aus((ActionUnit.AU12R, a), (ActionUnit.AU14R, a * 0.8f), (ActionUnit.AU14, a * 0.8f)),
                ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []) { LipGap = gap }, _output);
        }
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Contempt, e.Emotion);
        Assert.InRange(e.OnsetMs, 6450, 6550);
    }

    [Fact]
    public void BothCornersMovingAreNotContemptBecauseOneReadsLowAtTheApex()
    {
        // Both dimplers rise and fall together; only at the apex frame does the right one read low, as flickering lip
        // corners do on small faces.
        Run(25, 3000, t =>
        {
            var a = Ramp(t, 1000, 1160, 2f);
            var right = Math.Abs(t - 1080) < 1 ? 0.1f * a : a;
            return Aus((ActionUnit.AU14L, a), (ActionUnit.AU14R, right), (ActionUnit.AU14, a));
        });
        Assert.DoesNotContain(_events, e => e.Emotion == Emotion.Contempt);
    }

    [Fact]
    public void ContemptComesFromAOneSidedSmile()
    {
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 1000, 1150, 2f);
            return Aus((ActionUnit.AU12R, a), (ActionUnit.AU14R, a * 0.8f), (ActionUnit.AU14, a * 0.8f));
        });
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Contempt, e.Emotion);
        Assert.Contains("AU12R", e.Aus);
    }

    [Fact]
    public void AMovementThePrototypeExplainsOnlyAThirdOfIsNotReported()
    {
        // A smile together with as much lip tightening, chin raising, lip stretching and lip parting: no one emotion.
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 1000, 1300, 2f);
            return Aus((ActionUnit.AU12, a), (ActionUnit.AU06, a), (ActionUnit.AU17, a), (ActionUnit.AU23, a), (ActionUnit.AU20, a), (ActionUnit.AU25, a));
        });
        Assert.Empty(_events);
        Assert.Equal(1, NotReported(NotReportedReason.NoEmotionMatch));
    }

    private static readonly string[] ClassifierLabels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"];

    /// <summary>
    /// A segmenter's events for a 3 s clip at 100 fps with one movement at 1.0–1.12 s — causal, or in batch with
    /// <paramref name="lookAheadMs"/>; the classifier, when given, gives its probabilities on every frame (its view at
    /// rest, and at the apex while the face moves).
    /// </summary>
    private static List<ExpressionEvent> EventsWithClassifier(Func<float, float[]> movement, Func<bool, float[]>? classifier, double lookAheadMs = 0)
    {
        var output = new SegmenterOutput();
        var segmenter = new ExpressionSegmenter(7, new SegmenterOptions { LookAheadMs = lookAheadMs }, new EmotionLabeler(), classifier is null ? [] : ClassifierLabels);
        long frame = 0;
        for (var t = 0.0; t <= 3000; t += 10)
        {
            var a = Ramp(t, 1000, 1120, 2f);
            segmenter.Add(new FaceSample(t, frame++, movement(a), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, classifier?.Invoke(a > 0) ?? []), output);
        }
        return output.Events;
    }

    [Fact]
    public void AFaceTheClassifierCallsHappyAtRestIsLabelledByItsMovement()
    {
        // The classifier reads this face as happy on every frame, moving or not: the brows and lip corners of sadness are
        // reported as sadness, as confidently as without the classifier (fusing its view as such lowered the confidence).
        static float[] Sadness(float a) => Aus((ActionUnit.AU01, a), (ActionUnit.AU04, a * 0.8f), (ActionUnit.AU15, a * 0.7f));
        var withoutClassifier = Assert.Single(EventsWithClassifier(Sadness, classifier: null));
        var alwaysHappy = Assert.Single(EventsWithClassifier(Sadness, _ => [0, 0, 0, 1, 0, 0, 0]));
        Assert.Equal(Emotion.Sadness, alwaysHappy.Emotion);
        Assert.Equal(withoutClassifier.Confidence, alwaysHappy.Confidence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3000)] // batch: the samples held for the look-ahead keep the classifier's view of their frames
    public void TheClassifierTipsRaisedBrowsAndLidsTowardsFearWhenItsViewMovedThere(double lookAheadMs)
    {
        // Brows and lids that fit surprise and fear alike; the classifier found the face neutral at rest and afraid while it moved.
        static float[] BrowsAndLids(float a) => Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.8f));
        Assert.Equal(Emotion.Surprise, Assert.Single(EventsWithClassifier(BrowsAndLids, classifier: null, lookAheadMs)).Emotion);
        var e = Assert.Single(EventsWithClassifier(BrowsAndLids, moving => moving ? [0, 0, 0.95f, 0, 0, 0.05f, 0] : [0, 0, 0, 0, 0, 0, 1], lookAheadMs));
        Assert.Equal(Emotion.Fear, e.Emotion);
    }

    [Fact]
    public void AMovementThatMatchesAPrototypeOnlyFaintlyIsListedForItsLowConfidence()
    {
        // Brows lowered with the lips pressed a quarter as far: anger's two key AUs, but half its AUs absent, so its
        // score (about 0.31) clears the rule gate (0.3) and not the confidence needed to report it (0.4).
        Run(25, 4000, t =>
        {
            var a = Ramp(t, 2000, 2160, 2f);
            return Aus((ActionUnit.AU04, a), (ActionUnit.AU23, a / 4));
        });
        Assert.Empty(_events);
        var m = Assert.Single(_output.Unreported);
        Assert.Equal((NotReportedReason.LowConfidence, "AU04+AU23"), (m.Reason, m.Aus));
    }
}
