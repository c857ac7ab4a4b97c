using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Segmentation;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Live;

/// <summary>The live view's event banner (also the tracked video's) with one face in view and with two.</summary>
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
}
