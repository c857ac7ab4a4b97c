using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>The segmenter: talking faces: speech told apart, brief movements timed by the upper face.</summary>
public sealed partial class ExpressionSegmenterTests
{
    /// <summary>
    /// Talking: lips part and the jaw drops about four times a second with a varying extent, and the lip corners and
    /// the chin work with them — the mouth AUs at 1.5–4, never at rest for long (as on a real talking face).
    /// </summary>
    private static (ActionUnit, float)[] Speech(double t)
    {
        var syllable = (float)Math.Max(0, Math.Sin(2 * Math.PI * 4.1 * t / 1000));
        var extent = 1.5f + 1.5f * (float)(0.5 + 0.5 * Math.Sin(2 * Math.PI * 0.7 * t / 1000));
        return [(ActionUnit.AU25, extent * syllable + 0.5f), (ActionUnit.AU26, 0.8f * extent * syllable), (ActionUnit.AU14, 0.6f * extent * syllable),
            (ActionUnit.AU17, 0.5f * extent * (1 - syllable)), (ActionUnit.AU23, 0.4f * extent * syllable)];
    }

    /// <summary>
    /// Talking as on the GRID clips: the lip corners and lips jump to 2–3 for a frame or two with each word, about twice
    /// a second, and rest in between — so their spread is small but they routinely go far above their level.
    /// </summary>
    private static (ActionUnit, float)[] BurstySpeech(double t)
    {
        var word = t % 480 is >= 40 and < 120 ? 1f : 0f;
        return [(ActionUnit.AU23, 2.5f * word), (ActionUnit.AU15, 1.5f * word), (ActionUnit.AU25, 2f * word)];
    }

    [Fact]
    public void TalkingAloneIsNoExpression()
    {
        Run(25, 12000, t => Aus(Speech(t)));
        Assert.Empty(_events);
    }

    [Fact]
    public void ABriefBrowRaiseWhileTalkingIsFoundAgainstTheBrowsOwnNoise()
    {
        // Measured against one floor for every AU, speech would own the signal and hide this; each AU against its own
        // noise, the brows (quiet in speech) stand out.
        Run(25, 12000, t =>
        {
            var brows = Ramp(t, 7000, 7160, 1.2f);
            return Aus([.. Speech(t), (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.5f * brows)]);
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.StartsWith("AU01+AU02", e.Aus);
        Assert.InRange(e.OnsetMs, 6950, 7050);
        Assert.InRange(e.OffsetMs, 7100, 7200);
    }

    [Theory]
    [InlineData(0.3f, true)]
    [InlineData(float.PositiveInfinity, false)]
    public void ABrowMovementWhileTalkingIsJudgedByTheBrowsNotByTheWordSaidWithIt(float labelReach, bool reported)
    {
        // The inner brows rise and draw together (sadness) as a word tightens the lips: judged with the lips' rise at
        // full weight, the lips are the strongest movement and no prototype explains it; with each AU's rise weighed
        // against how far it goes anyway, the brows decide. (labelReach ∞ turns that weighing off.)
        var segmenter = new ExpressionSegmenter(7, new SegmenterOptions { LookAheadMs = 0, LabelReach = labelReach }, new EmotionLabeler(), []);
        for (var (t, frame) = (0.0, 0L); t <= 12000; t += 40, frame++)
        {
            var brows = Ramp(t, 7220, 7380, 1.1f);
            segmenter.Add(new FaceSample(t, frame, Aus([.. BurstySpeech(t), (ActionUnit.AU01, brows), (ActionUnit.AU04, brows)]), ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), _output);
        }
        if (!reported)
        {
            Assert.Empty(_events);
            Assert.Contains(_output.Unreported, u => u.Reason == NotReportedReason.NoEmotionMatch && u.OnsetMs is > 7100 and < 7300);
            return;
        }
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Sadness, e.Emotion);
        Assert.InRange(e.OnsetMs, 7150, 7270);
        Assert.Contains("AU23", e.Aus); // the AUs listed are those measured, unweighed
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AFaintMouthRiseShapesTheLabelOfABrowMovementOnlyWhenThePersonIsNotTalking(bool talking, bool shapesIt)
    {
        // The inner brows rise and draw together (sadness) and the lip corners drop a little with them, too little for
        // a pulse of their own (0.4). At rest that faint drop still shapes the expression, as a faint lid raise does
        // fear's; while the person talks a rise of the mouth is speech's, and the label is the brows' alone.
        float Confidence(float lipCorners)
        {
            var output = new SegmenterOutput();
            var segmenter = new ExpressionSegmenter(7, new SegmenterOptions { LookAheadMs = 0 }, new EmotionLabeler(), []);
            for (var (t, frame) = (0.0, 0L); t <= 12000; t += 40, frame++)
            {
                var brows = Ramp(t, 7000, 7160, 1.2f);
                (ActionUnit, float)[] mouth = talking ? Speech(t) : [];
                segmenter.Add(new FaceSample(t, frame, Aus([.. mouth, (ActionUnit.AU01, brows), (ActionUnit.AU04, brows), (ActionUnit.AU15, lipCorners / 1.2f * brows)]),
                    ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []), output);
            }
            var e = Assert.Single(output.Events);
            Assert.Equal(Emotion.Sadness, e.Emotion);
            Assert.Equal("AU01+AU04", e.Aus); // under the AUs' presence threshold, the lip corners are not listed either way
            return e.Confidence;
        }

        var browsAlone = Confidence(0);
        Assert.Equal(2f / 3, browsAlone, 1e-3); // two of sadness's three AUs
        if (shapesIt) Assert.True(Confidence(0.4f) > browsAlone + 0.05f);
        else Assert.Equal(browsAlone, Confidence(0.4f));
    }

    [Fact]
    public void AnExpressionWhoseLidsOutlastABriefWordIsOneMacroExpressionOfTheLidsLength()
    {
        // The lids tighten and the brows draw down for 800 ms (anger); a word tightens the lips for the first 120 ms of
        // it. The group's wait for AUs still moving ends 200 ms after the lips' pulse, so that speech cannot hold back
        // a brow movement — but all that ended is of the mouth, and the upper face that set off with it still moves:
        // it is waited for, and the expression is the lids' 800 ms, not the word's 120.
        Run(25, 12000, t =>
        {
            var held = (float)(t is > 7000 and < 7800 ? 1.6 * Math.Min(1, Math.Min(t - 7000, 7800 - t) / 120) : 0);
            var word = Ramp(t, 7000, 7120, 2f);
            return Aus((ActionUnit.AU04, held), (ActionUnit.AU07, held), (ActionUnit.AU05, 0.6f * held), (ActionUnit.AU23, word));
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Macro, e.Kind);
        Assert.Equal(Emotion.Anger, e.Emotion);
        Assert.InRange(e.OnsetMs, 6950, 7050);
        Assert.InRange(e.OffsetMs, 7750, 7850);
    }

    [Fact]
    public void ABrowFlashWhileTalkingIsTimedByTheBrowsNotByALipPulseThatOutlastsIt()
    {
        // Brows and lids rise for 120 ms while the person talks, and the lips stretch (fear) for 240 ms from the same
        // moment. Timed by all its pulses it would be a 240 ms macro-expression; while the person talks the mouth's
        // pulses are speech's for timing — the lips still count for the label — and it is the brows' micro-expression.
        Run(25, 12000, t =>
        {
            var brows = Ramp(t, 7000, 7120, 1.6f);
            var lips = Ramp(t, 7000, 7240, 1.6f);
            return Aus([.. Speech(t), (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.7f * brows), (ActionUnit.AU20, lips)]);
        });
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Fear, e.Emotion);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.InRange(e.OnsetMs, 6950, 7050);
        Assert.InRange(e.OffsetMs, 7070, 7170);
    }

    [Fact]
    public void WhileTalkingTheApexIsTheUpperFacesLikeItsTiming()
    {
        // A brow flash while the person talks, its lips stretching harder and longer: the brows time the expression,
        // and its apex is theirs — the lips peak after the brows came back to rest.
        Run(25, 12000, t =>
        {
            var brows = Ramp(t, 7000, 7080, 1.6f);
            return Aus([.. Speech(t), (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.7f * brows), (ActionUnit.AU20, Ramp(t, 7040, 7180, 2.5f))]);
        });
        var e = Assert.Single(_events);
        Assert.InRange(e.ApexMs, e.OnsetMs, e.OffsetMs);
        Assert.Equal(7040, e.ApexMs);
    }

    [Theory]
    [InlineData(150, EventKind.Micro)] // a brow flash: the lip pulse that began 100 ms before it does not stretch it
    [InlineData(600, EventKind.Macro)] // a longer display: the whole face times it, the lips' onset included
    public void ABriefMovementBeyondTheMouthIsTimedWithoutTheMouth(double browsMs, EventKind kind)
    {
        // No speech: a lip corner's pulse, then the brows rise and the jaw drops with them (a surprise).
        Run(100, 4000, t =>
        {
            var brows = Ramp(t, 2000, 2000 + browsMs, 2f);
            return Aus((ActionUnit.AU14, Ramp(t, 1900, 2100, 0.9f)), (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU26, brows));
        });
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.Equal(kind, e.Kind);
        if (kind == EventKind.Micro) Assert.InRange(e.OnsetMs, 1990, 2040);
        else Assert.InRange(e.OnsetMs, 1890, 1940);
    }

    [Fact]
    public void ALipCornerPullWhileTalkingIsNotTakenForASmile()
    {
        // Even a strong one: in speech the mouth alone cannot be told from words. With the cheeks it is a smile.
        Run(25, 12000, t =>
        {
            var corners = Ramp(t, 7000, 7160, 3f);
            var cheeks = Ramp(t, 9000, 9160, 2.4f);
            var smile = corners + Ramp(t, 9000, 9160, 3f);
            return Aus([.. Speech(t), (ActionUnit.AU12, smile), (ActionUnit.AU12L, smile), (ActionUnit.AU12R, smile), (ActionUnit.AU06, cheeks)]);
        });
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.InRange(e.OnsetMs, 8950, 9050);
        Assert.True(NotReported(NotReportedReason.Speech) >= 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WhileTalkingTheLipCornersJoinAnExpressionWhenTheCheeksRiseWithThem(bool cheeks)
    {
        // The lip corners rise 0.4, under the onset threshold but eight times their noise floor. While the person talks
        // a mouth AU without a pulse of its own is left out as speech; words do not raise the cheeks, so with a cheek
        // raise the corners count and the movement is a smile. Without it nothing is reported.
        Run(25, 12000, t =>
        {
            var corners = Ramp(t, 7000, 7160, 0.4f);
            return Aus([.. Speech(t), (ActionUnit.AU12, corners), (ActionUnit.AU12L, corners), (ActionUnit.AU12R, corners),
                (ActionUnit.AU06, cheeks ? Ramp(t, 7000, 7160, 1.6f) : 0)]);
        });
        AssertOneMicroExpressionOrNone(Emotion.Happiness, cheeks);
    }

    [Fact]
    public void AJawDropOfSpeechJustBeforeABrowRaiseNeitherTimesNorLabelsIt()
    {
        // A wide-open syllable starts 120 ms before a brief brow raise: it is speech, so the expression is the brows'
        // (micro, timed by them), not a 300 ms "surprise with jaw drop".
        Run(25, 12000, t =>
        {
            var brows = Ramp(t, 7000, 7160, 1.2f);
            var speech = Speech(t);
            for (var i = 0; i < speech.Length; i++)
                if (speech[i].Item1 is ActionUnit.AU25 or ActionUnit.AU26) speech[i].Item2 += Ramp(t, 6880, 7200, 3.5f);
            return Aus([.. speech, (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.5f * brows)]);
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.InRange(e.OnsetMs, 6950, 7050);
        Assert.DoesNotContain("AU26", e.Aus);
    }
}
