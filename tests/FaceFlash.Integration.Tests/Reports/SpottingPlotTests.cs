using FaceFlash.Core.Scoring;
using FaceFlash.Reports;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary><c>eval.png</c>: where each coded expression and event is drawn, and in which colour.</summary>
public sealed class SpottingPlotTests
{
    private static TruthEvent Truth(string kind, double onsetMs, double offsetMs) => new(kind, onsetMs, (onsetMs + offsetMs) / 2, offsetMs, "happiness", [], null, 2);

    private static PredictedEvent Predicted(string kind, double onsetMs, double offsetMs) => new(kind, onsetMs, (onsetMs + offsetMs) / 2, offsetMs, "happiness");

    /// <summary>The mean position of the pixels near <paramref name="colour"/> (ScottPlot's RGBA as OpenCV's BGR), and how many.</summary>
    private static (double X, double Y, int Count) Where(Mat image, ScottPlot.Color colour)
    {
        using var mask = new Mat();
        Cv2.InRange(image, new Scalar(colour.B - 25, colour.G - 25, colour.R - 25), new Scalar(colour.B + 25, colour.G + 25, colour.R + 25), mask);
        var m = Cv2.Moments(mask, binaryImage: true);
        return m.M00 == 0 ? (double.NaN, double.NaN, 0) : (m.M10 / m.M00, m.M01 / m.M00, (int)m.M00);
    }

    [Fact]
    public void EachClipIsALaneWithItsCodingAboveItsEventsAndEachColouredByTheMatching()
    {
        var first = new ClipMatches("first", [], Unmatched: [Predicted("micro", 5000, 5150)], Missed: [Truth("micro", 3000, 3150)], 0, 0, 10_000, 40);
        var second = new ClipMatches("second", [(Truth("micro", 1000, 1150), Predicted("micro", 1010, 1160))], [], [], 0, 0, 10_000, 40);
        using var image = Cv2.ImDecode(SpottingPlot.Png([first, second]), ImreadModes.Color);

        var missed = Where(image, SpottingPlot.MissedColour);
        var falseFlag = Where(image, SpottingPlot.FalseFlagColour);
        var matched = Where(image, SpottingPlot.MatchedColour);
        Assert.True(missed.Count > 20 && falseFlag.Count > 20 && matched.Count > 40, $"{missed.Count}, {falseFlag.Count}, {matched.Count} pixels");
        // The first clip's lane above the second's; in a lane, the coding above the events.
        Assert.True(missed.Y < falseFlag.Y, "the missed expression (coded) is not above the false flag (an event)");
        Assert.True(falseFlag.Y < matched.Y, "the first clip's lane is not above the second's");
        // Along time: 1 s, 3 s, 5 s.
        Assert.True(matched.X < missed.X && missed.X < falseFlag.X, $"x {matched.X}, {missed.X}, {falseFlag.X}");
    }

    [Fact]
    public void AClipWithEveryExpressionFoundHasNothingRedOrOrange()
    {
        var clip = new ClipMatches("all found", [(Truth("macro", 1000, 2500), Predicted("macro", 1100, 2400))], [], [], 0, 0, 4000, 40);
        using var image = Cv2.ImDecode(SpottingPlot.Png([clip]), ImreadModes.Color);
        Assert.Equal(0, Where(image, SpottingPlot.MissedColour).Count);
        Assert.Equal(0, Where(image, SpottingPlot.FalseFlagColour).Count);
        // A macro-expression is drawn paler: over white, half the green's depth.
        Assert.Equal(0, Where(image, SpottingPlot.MatchedColour).Count);
        var c = SpottingPlot.MatchedColour;
        byte OverWhite(byte v) => (byte)Math.Round(0.45 * v + 0.55 * 255);
        Assert.True(Where(image, new ScottPlot.Color(OverWhite(c.R), OverWhite(c.G), OverWhite(c.B))).Count > 100);
    }
}
