using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Segmentation;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Live;

/// <summary>The live view's (also the tracked video's) banner, AU bars and timeline with one face in view and with two.</summary>
public sealed class LiveOverlayTests
{
    private static readonly ExpressionEvent Smile = new(3, EventKind.Micro, 1000, 1060, 1120, Emotion.Happiness, "AU06+AU12", 0.8f, 1200);

    private static FaceObservation Face(int id, float x)
    {
        var face = new FaceObservation();
        face.Clear(); // no iris, no AUs
        (face.Success, face.FaceId, face.Box) = (true, id, new BoxF(x, 200, 120, 150));
        return face;
    }

    /// <summary>How wide the banner is drawn, in pixels: the columns of the frame's top that hold its colour.</summary>
    private static int BannerWidth(params FaceObservation[] faces)
    {
        var overlay = new LiveOverlay { ShowMesh = false };
        overlay.Flag(Smile, 1200);
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.Black);
        using var canvas = new Mat();
        overlay.Draw(frame, canvas, faces, 1200, 1200, "hud", null);
        using var top = new Mat(canvas, new Rect(0, LiveOverlay.HudHeight, canvas.Width, 50));
        using var mask = new Mat();
        Cv2.InRange(top, LiveOverlay.BannerColour, LiveOverlay.BannerColour, mask);
        using var columns = new Mat();
        Cv2.Reduce(mask, columns, ReduceDimension.Row, ReduceTypes.Max, MatType.CV_8U);
        return Cv2.CountNonZero(columns);
    }

    [Fact]
    public void TheBannerNamesTheFaceOnlyWhileSeveralAreInView()
    {
        Assert.Equal("MICRO - happiness - AU06+AU12 - 120 ms", LiveOverlay.BannerText(Smile));
        Assert.Equal("MICRO - happiness - AU06+AU12 - 120 ms - face 3", LiveOverlay.BannerText(Smile, nameTheFace: true));
        var one = BannerWidth(Face(3, 100));
        var two = BannerWidth(Face(3, 100), Face(4, 400));
        Assert.True(one > 200, $"no banner drawn ({one} px)");
        Assert.True(two > one + 40, $"the banner with two faces in view ({two} px) is not longer than with one ({one} px)");
    }

    private static FaceObservation Measured(int id, float x, float au12)
    {
        var face = Face(id, x);
        (face.AuStatus, face.AuValid) = (ActionUnitStatus.Measured, ActionUnitSet.All);
        face.ActionUnits[(int)ActionUnit.AU12] = au12;
        return face;
    }

    private static int Pixels(Mat canvas, Rect area, Scalar colour, int tolerance = 0)
    {
        using var part = new Mat(canvas, area);
        using var mask = new Mat();
        Scalar Shifted(int by) => new(colour.Val0 + by, colour.Val1 + by, colour.Val2 + by);
        Cv2.InRange(part, Shifted(-tolerance), Shifted(tolerance), mask);
        return Cv2.CountNonZero(mask);
    }

    [Fact]
    public void EachFaceHasItsBarsBesideItsBoxOnItsOwnSide()
    {
        var overlay = new LiveOverlay { ShowMesh = false };
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.Black);
        using var canvas = new Mat();
        // Two participants side by side (boxes 20–140 and 480–600 px): face 7 smiles (AU12 at 4, a bar past presence), face 5 does not.
        overlay.Draw(frame, canvas, [Measured(7, 480, 4), Measured(5, 20, 0)], 1000, 1000, "hud", null);
        var between = new Rect(140, LiveOverlay.HudHeight + 200, 340, LiveOverlay.BarColumnHeight);
        var rightOfBetween = new Rect(140 + 170, between.Y, 170, between.Height);
        // Each face's bars stand on the side away from the frame's centre where there is room, else beside it towards
        // the centre: face 5's just right of its box, face 7's just left of its box — not both between them.
        Assert.Equal(new Point(148, 200), LiveOverlay.BarsPlace(new BoxF(20, 200, 120, 150), 1, 640, 480));
        Assert.Equal(new Point(480 - 8 - LiveOverlay.BarColumnWidth, 200), LiveOverlay.BarsPlace(new BoxF(480, 200, 120, 150), 1, 640, 480));
        Assert.True(Pixels(canvas, rightOfBetween, LiveOverlay.BarColour) > 500, "face 7's smile has no bar beside its box");
        Assert.Equal(0, Pixels(canvas, new Rect(140, between.Y, 170, between.Height), LiveOverlay.BarColour));
        // A face with room on its outer side has its bars there; an enlarged frame's boxes are scaled.
        Assert.Equal(new Point(200 - 8 - LiveOverlay.BarColumnWidth, 100), LiveOverlay.BarsPlace(new BoxF(200, 100, 80, 100), 1, 640, 480));
        Assert.Equal(new Point(2 * 200 - 8 - LiveOverlay.BarColumnWidth, 200), LiveOverlay.BarsPlace(new BoxF(200, 100, 80, 100), 2, 1280, 960));
        // A face at the frame's top keeps its bars under the event banner's strip.
        var banner = LiveOverlay.BannerArea(640, 400, Cv2.GetTextSize(LiveOverlay.BannerText(Smile), HersheyFonts.HersheySimplex, 0.6, 2, out _).Height);
        Assert.True(LiveOverlay.BarsPlace(new BoxF(300, 0, 120, 150), 1, 640, 480).Y >= banner.Bottom, "the bars overlap the banner");
    }

    [Fact]
    public void AFaceWhoseLevelsAreFormingIsSaidToBe()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.Black);
        Mat Drawn(IReadOnlyCollection<int>? forming)
        {
            var canvas = new Mat();
            new LiveOverlay { ShowMesh = false }.Draw(frame, canvas, [Measured(7, 480, 4), Measured(5, 20, 4)], 1000, 1000, "hud", null, forming);
            return canvas;
        }
        using var plain = Drawn(null);
        using var forming = Drawn([5]);
        // Face 5's bars stand right of its box (20–140 px), face 7's left of its own, from 200 px down, each headed by
        // the face's id: face 5's gain a line under it, "levels forming", and its bars move down a line; face 7's do not.
        int Differing(Rect area)
        {
            using var difference = new Mat();
            Cv2.Absdiff(new Mat(plain, area), new Mat(forming, area), difference);
            using var grey = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
            return Cv2.CountNonZero(grey);
        }
        var (y, height) = (LiveOverlay.HudHeight + 200, LiveOverlay.BarColumnHeight + 16);
        Assert.Equal(0, Differing(new Rect(480 - 8 - LiveOverlay.BarColumnWidth, y, LiveOverlay.BarColumnWidth, height)));
        Assert.Equal(0, Differing(new Rect(148, y, LiveOverlay.BarColumnWidth, 16))); // the id line
        var textLine = new Rect(148, y + 16, LiveOverlay.BarColumnWidth, 16);
        Assert.True(Differing(textLine) > 50, "face 5's bars are not headed as forming");
        // Its bars are still drawn, below the line.
        Assert.True(Pixels(forming, new Rect(148, y + 32, LiveOverlay.BarColumnWidth, height - 32), LiveOverlay.BarColour) > 500);
    }

    [Fact]
    public void TheTimelineFollowsOneFaceWhileTheListsOrderChanges()
    {
        var overlay = new LiveOverlay { ShowMesh = false };
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.Black);
        using var canvas = new Mat();
        // Face 1 holds AU12 at the timeline's top; face 2 at rest. Face 1 is lost and found again, so it comes second.
        for (var ms = 0; ms < 5000; ms += 40)
        {
            FaceObservation[] faces = ms < 2500 ? [Measured(1, 100, 3), Measured(2, 400, 0)] : [Measured(2, 400, 0), Measured(1, 100, 3)];
            overlay.Draw(frame, canvas, faces, ms, ms, "hud", null);
        }
        var top = canvas.Height - LiveOverlay.TimelineHeight;
        var green = new Scalar(80, 220, 80);
        Assert.True(Pixels(canvas, new Rect(0, top, canvas.Width, 10), green, 30) > 400, "face 1's AU12 line is not at the top");
        Assert.Equal(0, Pixels(canvas, new Rect(60, top + 30, canvas.Width - 60, LiveOverlay.TimelineHeight - 30), green, 30));
    }
}
