using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>The segmenter: pulses grouped into expressions, held displays and expressions on top of them.</summary>
public sealed partial class ExpressionSegmenterTests
{
    [Fact]
    public void TwoExpressionsFourHundredMillisecondsApartAreNotMerged()
    {
        Run(100, 4000, t =>
        {
            var a = Ramp(t, 2000, 2120, 2f) + Ramp(t, 2520, 2640, 2f);
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a));
        });
        Assert.Equal(2, _events.Count);
        Assert.All(_events, e => Assert.Equal(EventKind.Micro, e.Kind));
        Assert.InRange(_events[1].OnsetMs - _events[0].OffsetMs, 350, 450);
    }

    [Fact]
    public void AnExpressionOnTopOfAHeldOneIsMeasuredFromTheHeldLevel()
    {
        // A smile held from 1 s on; at 8 s the brows flash up briefly. The held smile is the face's level by then: the
        // event is the brow movement alone, not "smile plus brows".
        Run(50, 10000, t =>
        {
            var smile = t > 1000 ? 2.5f : 0;
            var brows = Ramp(t, 8000, 8160, 1.5f);
            return Aus((ActionUnit.AU06, 0.8f * smile), (ActionUnit.AU12, smile), (ActionUnit.AU12L, smile), (ActionUnit.AU12R, smile),
                (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.6f * brows));
        });
        var e = Assert.Single(_events, e => e.OnsetMs > 7000);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.DoesNotContain("AU12", e.Aus);
        Assert.Equal(EventKind.Micro, e.Kind);
    }

    [Fact]
    public void ALongDisplayThatABriefExpressionRodeOnIsReportedToo()
    {
        // A 2 s smile from 2 s on; at 3 s the brows flash up for 160 ms and are back at rest long before the smile ends.
        // The flash is reported first, on its own; the smile, which set off before it, when it ends (it used to be
        // dropped as part of the flash's group).
        Run(50, 6000, t =>
        {
            var smile = Ramp(t, 2000, 4000, 2.5f);
            var brows = Ramp(t, 3000, 3160, 1.5f);
            return Aus((ActionUnit.AU06, 0.8f * smile), (ActionUnit.AU12, smile), (ActionUnit.AU12L, smile), (ActionUnit.AU12R, smile),
                (ActionUnit.AU01, brows), (ActionUnit.AU02, brows), (ActionUnit.AU05, 0.6f * brows));
        });
        Assert.Equal(2, _events.Count);
        var (flash, smile) = (_events[0], _events[1]);
        Assert.Equal((Emotion.Surprise, EventKind.Micro), (flash.Emotion, flash.Kind));
        Assert.InRange(flash.OnsetMs, 2950, 3050);
        Assert.Equal((Emotion.Happiness, EventKind.Macro), (smile.Emotion, smile.Kind));
        Assert.InRange(smile.OnsetMs, 1950, 2100);
        Assert.InRange(smile.OffsetMs, 3800, 4050);
    }

    [Fact]
    public void APulseHeldAcrossAReportedMovementDoesNotTakeTheNextExpressionIntoItsGroup()
    {
        // The jaw drops at 0.9 s and stays down 0.6 s; the lips stretch briefly from 1.08 s (a group of their own,
        // which matches nothing); a disgust starts at 1.3 s while the jaw is still down. The jaw, held across the lips'
        // group, gathers only what started before that group: the disgust keeps its own onset.
        Run(100, 3000, t => Aus(
            (ActionUnit.AU26, Ramp(t, 900, 1500, 2f)),
            (ActionUnit.AU20, Ramp(t, 1080, 1200, 1.5f)),
            (ActionUnit.AU09, Ramp(t, 1300, 1700, 2f)),
            (ActionUnit.AU15, Ramp(t, 1340, 1700, 1.5f))));
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Disgust, e.Emotion);
        Assert.InRange(e.OnsetMs, 1250, 1350);
    }

    [Fact]
    public void ABrowRaiseWhoseAusSetOffAFewFramesApartIsOneExpression()
    {
        // AU02 rises 120 ms before AU01 and falls back after it. AU01's pulse ends first; AU02 set off within the
        // grouping window before it (as far as the window reaches after it), so the raise is one event, not AU01's
        // group and then AU02's on its own. (AU02, still moving 200 ms after AU01 ended, is not waited for: the event
        // is timed by AU01's pulse, along its slopes as a macro-expression, and AU02 joins its AUs from its rise at the apex.)
        Run(25, 6000, t => Aus((ActionUnit.AU01, Ramp(t, 2520, 3400, 1.5f)), (ActionUnit.AU02, Ramp(t, 2400, 3560, 1.5f))));
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Surprise, e.Emotion);
        Assert.InRange(e.OnsetMs, 2400, 2600);
    }

    [Fact]
    public void AMovementWhosePartsFormTwoGroupsIsReportedOnce()
    {
        // A sad face whose parts set off further apart than the grouping window: a faint lip-corner flick at 2 s, the
        // brows from 2.02 s, the chin from 2.08 s, brows and chin peaking together at 2.13 s. The flick and the brows
        // form one group, the chin, set off later, another; each is measured at the same peak, the brows there in both.
        Run(100, 4000, t => Aus(
            (ActionUnit.AU15, Ramp(t, 2000, 2060, 1.0f)),
            (ActionUnit.AU01, Ramp(t, 2020, 2240, 2f)),
            (ActionUnit.AU04, Ramp(t, 2020, 2240, 2f)),
            (ActionUnit.AU17, Ramp(t, 2080, 2180, 1.5f))));
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Sadness, e.Emotion);
        Assert.InRange(e.ApexMs, 2120, 2140);
        Assert.Contains("AU17", e.Aus);
        // The chin's group, peaking there too, was the second row of the same movement (reported until the
        // thirty-fourth session).
        var again = Assert.Single(_output.Unreported, u => u.Reason == NotReportedReason.PeakAlreadyReported);
        Assert.InRange(again.OnsetMs, 2070, 2100);
    }

    [Fact]
    public void OfTwoRowsAtOnePeakJudgedTogetherTheMoreConfidentIsReported()
    {
        // As above, with a lip stretch flicking before the brows and the lip corners pulled down with the chin's timing:
        // the stretch's group (it and the brows) and the corners' group both end, and are judged, on the frame the brows
        // come to rest, at the same peak. The first reads sadness with the stretch in it, the second sadness without:
        // a closer match to the prototype, so the row reported.
        Run(100, 4000, t => Aus(
            (ActionUnit.AU20, Ramp(t, 2000, 2060, 1.5f)),
            (ActionUnit.AU01, Ramp(t, 2020, 2240, 2f)),
            (ActionUnit.AU04, Ramp(t, 2020, 2240, 2f)),
            (ActionUnit.AU15, Ramp(t, 2080, 2180, 1.5f))));
        var e = Assert.Single(_events);
        Assert.Equal(Emotion.Sadness, e.Emotion);
        Assert.Equal("AU01+AU04+AU15", e.Aus);
        Assert.InRange(e.OnsetMs, 2070, 2090);
        var first = Assert.Single(_output.Unreported, u => u.Reason == NotReportedReason.PeakAlreadyReported);
        Assert.Contains("AU20", first.Aus);
        Assert.InRange(first.OnsetMs, 1980, 2000);
    }
}
