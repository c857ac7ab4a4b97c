using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>The segmenter: blinks, lids narrowed by the brows, head turns, nods and fast head motion.</summary>
public sealed partial class ExpressionSegmenterTests
{
    [Fact]
    public void ABlinkIsReportedAsABlinkNotAnExpression()
    {
        Run(100, 3000, t => Aus((ActionUnit.AU45, Ramp(t, 1000, 1250, 4f)), (ActionUnit.AU07, Ramp(t, 1000, 1250, 0.7f))));
        Assert.Empty(_events);
        var b = Assert.Single(_blinks);
        Assert.InRange(b.OnsetMs, 990, 1060);
    }

    /// <summary>
    /// AU45 as FaceFlash measured it on the GRID talker bbaf2n (25 fps) from 1.24 s on: two blinks 320 ms apart, the
    /// lids back only half way open between them (frame strips: closed at 1.72–1.76 s and 2.04–2.16 s), then narrowed
    /// for a while after the second. FaceMesh's lids close only part way, so a full blink reads 1.6–1.9 here.
    /// </summary>
    private static readonly float[] Bbaf2nLids =
    [
        0.00f, 0.01f, 0.07f, 0.08f, 0.08f, 0.19f, 0.18f, 0.14f, 0.11f, 0.09f, 0.12f, 0.69f, 1.64f, 1.58f, 0.83f, 0.54f, 0.61f, 0.43f,
        0.56f, 1.21f, 1.76f, 1.90f, 1.74f, 1.36f, 1.53f, 0.88f, 0.88f, 0.92f, 0.95f, 0.50f, 0.53f, 0.65f, 0.02f, 0.03f, 0.02f, 0.00f,
    ];

    /// <summary>Runs <paramref name="lids"/> (AU45 every 40 ms from <paramref name="fromMs"/>) after a resting face, then <paramref name="restAfterMs"/> more of rest.</summary>
    private void RunLids(float[] lids, double fromMs, double restAfterMs)
    {
        var endMs = fromMs + lids.Length * 40 + restAfterMs;
        long frame = 0;
        for (var t = 0.0; t < endMs - 1e-6; t += 40)
        {
            var i = (int)Math.Round((t - fromMs) / 40);
            Add(t, frame++, Aus((ActionUnit.AU45, i >= 0 && i < lids.Length ? lids[i] : 0f)));
        }
    }

    [Fact]
    public void TwoBlinksWithTheLidsHalfOpenBetweenAreTwoBlinksAndTheNarrowedEyeAfterIsNone()
    {
        RunLids(Bbaf2nLids, 1240, 1000);
        Assert.Equal(2, _blinks.Count);
        var (first, second) = (_blinks[0], _blinks[1]);
        Assert.InRange(first.OnsetMs, 1600, 1680);
        Assert.InRange(first.OffsetMs, 1760, 1880); // the lids back half way open
        Assert.True(second.OnsetMs >= first.OffsetMs);
        Assert.InRange(second.OffsetMs, 2160, 2440);
        Assert.All(_blinks, b => Assert.False(b.Truncated));
        Assert.Empty(_events);
    }

    [Theory]
    [InlineData(new[] { 0.79f, 1.75f, 1.48f, 0.60f }, false)] // opened half way in the last frame (id2_vcd_swwp2s at 2.84–2.96 s)
    [InlineData(new[] { 0.79f, 1.75f, 1.80f, 1.78f }, true)]  // still closed in the last frame
    public void ABlinkInProgressWhenTheVideoEndsIsReported(float[] lids, bool truncated)
    {
        RunLids(lids, 2840, 0);
        Assert.Empty(_blinks);
        _segmenter.Finish(_output);
        var blink = Assert.Single(_blinks);
        Assert.InRange(blink.OnsetMs, 2800, 2840);
        Assert.Equal(2960, blink.OffsetMs);
        Assert.Equal(truncated, blink.Truncated);
    }

    [Fact]
    public void ABlinkThatDragsTheBrowsIsNotAnExpression()
    {
        Run(50, 4000, t =>
        {
            var lids = Ramp(t, 2000, 2240, 4f);
            return Aus((ActionUnit.AU45, lids), (ActionUnit.AU01, 0.4f * lids), (ActionUnit.AU02, 0.4f * lids));
        });
        Assert.Empty(_events);
        Assert.Single(_blinks);
    }

    [Theory]
    [InlineData(2f, 1.6f, true)]    // the lids narrowed as lowered brows narrow them: the brows are trusted
    [InlineData(2f, 4f, false)]     // a full blink during it: they are not
    [InlineData(0.8f, 1.7f, false)] // a blink that dragged the brows down a little way (brbk7n's, the face a third of its size)
    public void LoweredBrowsNarrowTheEyesWithoutMakingABlink(float brows, float lidClosure, bool reported)
    {
        Run(50, 4000, t =>
        {
            var lowered = Ramp(t, 2000, 2160, brows);
            return Aus((ActionUnit.AU45, Ramp(t, 2000, 2160, lidClosure)), (ActionUnit.AU01, lowered), (ActionUnit.AU04, lowered), (ActionUnit.AU15, 0.6f * lowered));
        });
        AssertOneMicroExpressionOrNone(Emotion.Sadness, reported);
    }

    [Theory]
    [InlineData(2f, 1.2f, true)]    // brows raised further than the lids closed: the lids narrowed with the brows
    [InlineData(0.7f, 1.8f, false)] // a partial blink that dragged the brows a little way: a blink's brows are not trusted
    public void RaisedBrowsNarrowTheEyesWithoutMakingABlink(float brows, float lidClosure, bool reported)
    {
        Run(50, 4000, t => Aus((ActionUnit.AU45, Ramp(t, 2000, 2160, lidClosure)), (ActionUnit.AU01, Ramp(t, 2000, 2160, brows)),
            (ActionUnit.AU02, Ramp(t, 2000, 2160, brows))));
        AssertOneMicroExpressionOrNone(Emotion.Surprise, reported);
    }

    /// <summary>Exactly one event, a micro-expression of <paramref name="emotion"/>, when <paramref name="reported"/>; else none.</summary>
    private void AssertOneMicroExpressionOrNone(Emotion emotion, bool reported)
    {
        if (!reported)
        {
            Assert.Empty(_events);
            return;
        }
        var e = Assert.Single(_events);
        Assert.Equal(emotion, e.Emotion);
        Assert.Equal(EventKind.Micro, e.Kind);
    }

    [Fact]
    public void EyesNarrowerThanInTheReferenceAllAlongHideNeitherABrowMovementNorABlink()
    {
        // The lids sit at AU45 1.2 throughout (the reference caught the eyes wide): that is this face's rest, not a
        // blink, so the brows are trusted.
        Run(50, 4000, t =>
        {
            var brows = Ramp(t, 2000, 2160, 2f);
            var blink = Ramp(t, 3000, 3200, 3.5f);
            return Aus((ActionUnit.AU45, 1.2f + blink), (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.6f * brows));
        });
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        var b = Assert.Single(_blinks); // and a blink from there is a blink
        Assert.InRange(b.OnsetMs, 2980, 3060);
    }

    [Fact]
    public void OneSideOfTheMouthWithinItsAusBandIsCountedAsSuchNotAsEyelids()
    {
        // The right lip corner works all the time (its AU12, the stronger side's reading, is noisy); the left one
        // twitches once, clearing its own quiet band but not AU12's.
        Run(25, 8000, t =>
        {
            var right = 1.5f + 1.2f * (float)Math.Sin(2 * Math.PI * 3.3 * t / 1000);
            var left = Ramp(t, 5000, 5160, 1.2f);
            return Aus((ActionUnit.AU12R, right), (ActionUnit.AU12L, left));
        });
        Assert.Empty(_events);
        Assert.True(NotReported(NotReportedReason.OneSidedWithinBand) >= 1);
        Assert.Equal(0, NotReported(NotReportedReason.EyelidOnly));
    }

    [Fact]
    public void TheLidsAloneAreNoExpression()
    {
        // The lids tighten and widen once each, clearly, and nothing beyond them moves: each is listed as the lids'
        // alone, not reported (nor taken for one side of the mouth within its band).
        Run(25, 6000, t => Aus((ActionUnit.AU07, Ramp(t, 2000, 2160, 2f)), (ActionUnit.AU05, Ramp(t, 4000, 4160, 2f))));
        Assert.Empty(_events);
        Assert.Equal(2, NotReported(NotReportedReason.EyelidOnly));
        Assert.Equal(0, NotReported(NotReportedReason.OneSidedWithinBand));
    }

    [Fact]
    public void MovementDuringAHeadTurnIsNotAnExpression()
    {
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 1000, 1150, 2f);
            return Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a));
        }, yaw: t => t is > 950 and < 1200 ? (float)((t - 950) / 250 * 0.3) : t >= 1200 ? 0.3f : 0); // a 17° turn
        Assert.Empty(_events);
        Assert.Equal(1, NotReported(NotReportedReason.HeadMotion));
    }

    [Theory]
    [InlineData(0.08, true)]  // a slight nod (4.6°): measured
    [InlineData(0.15, false)] // a nod of 8.6°, which a turn of the same size would not be: vertical foreshortening reads as AUs
    public void MovementDuringANodIsNotAnExpression(float nodRad, bool reported)
    {
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 1000, 1150, 2f);
            return Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a));
        }, pitch: t => t is > 950 and < 1200 ? (float)((t - 950) / 250 * nodRad) : t >= 1200 ? nodRad : 0);
        Assert.Equal(reported ? 1 : 0, _events.Count);
        Assert.Equal(reported ? 0 : 1, NotReported(NotReportedReason.HeadMotion));
    }

    [Theory]
    [InlineData(1.0, true)]  // a head drifting by an eye distance a second: measured
    [InlineData(3.0, false)] // a head jerking sideways, as on the webcam clips: its blur and flow are not trusted
    public void MovementWhileTheHeadMovesFastIsNotAnExpression(double eyeDistancesPerSecond, bool reported)
    {
        for (long frame = 0; frame <= 300; frame++)
        {
            var t = frame * 10.0;
            var a = Ramp(t, 1000, 1150, 2f);
            // The head slides sideways from 0.9 s to 1.3 s; the landmarks jitter by half a pixel from frame to frame.
            var slide = Math.Clamp(t - 900, 0, 400) / 1000 * eyeDistancesPerSecond * EyeDistance;
            var eyes = Eyes + new Vector2((float)slide + (frame % 2 == 0 ? 0.5f : -0.5f), 0);
            _segmenter.Add(new FaceSample(t, frame, Aus((ActionUnit.AU06, a), (ActionUnit.AU12, a)), ActionUnitSet.All, 0, 0, eyes, EyeDistance, []), _output);
        }
        Assert.Equal(reported ? 1 : 0, _events.Count);
        Assert.Equal(reported ? 0 : 1, NotReported(NotReportedReason.HeadMotion));
    }
}
