using FaceFlash.Core.Scoring;
using ScottPlot;

namespace FaceFlash.Reports;

/// <summary>
/// <c>eval.png</c>: a spotting evaluation at a glance, as spotting papers draw it — one lane per clip, the coded
/// expressions in its upper half and FaceFlash's events in its lower half, each coloured by what the MEGC matching
/// made of it: matched (green), missed (red) or a false flag (orange); macro-expressions paler than micro ones.
/// </summary>
public static class SpottingPlot
{
    public const string FileName = "eval.png";

    public static readonly Color MatchedColour = Color.FromHex("#2ca02c");
    public static readonly Color MissedColour = Color.FromHex("#d62728");
    public static readonly Color FalseFlagColour = Color.FromHex("#ff7f0e");

    /// <summary>A lane's height in pixels, less for many clips so that the image stays under about 8000 pixels.</summary>
    private static int LaneHeight(int clips) => Math.Clamp(8000 / Math.Max(clips, 1), 6, 22);

    /// <summary>Clip names label the lanes up to this many; beyond, every n-th so that labels do not overlap.</summary>
    private const int MostLabels = 60;

    public static byte[] Png(IReadOnlyList<ClipMatches> clips, int width = 1400)
    {
        var plot = new Plot();
        var endS = clips.SelectMany(c => c.Matched.Select(m => Math.Max(m.Truth.OffsetMs, m.Predicted.OffsetMs))
                .Concat(c.Missed.Select(t => t.OffsetMs)).Concat(c.Unmatched.Select(p => p.OffsetMs)).Append(double.IsFinite(c.DurationMs) ? c.DurationMs : 0))
            .DefaultIfEmpty(1000).Max() / 1000;
        // An event a few ms long in a long recording would be under a pixel: every one is drawn at least 2 px wide.
        var leastS = 2 * endS / width;
        var ticks = new List<Tick>();
        var labelEvery = (clips.Count + MostLabels - 1) / MostLabels;
        for (var i = 0; i < clips.Count; i++)
        {
            var lane = clips.Count - 1 - i; // the first clip at the top
            var c = clips[i];
            foreach (var (truth, predicted) in c.Matched)
            {
                Span(plot, lane, upper: true, truth.OnsetMs, truth.OffsetMs, truth.Kind, MatchedColour, leastS);
                Span(plot, lane, upper: false, predicted.OnsetMs, predicted.OffsetMs, predicted.Kind, MatchedColour, leastS);
            }
            foreach (var t in c.Missed) Span(plot, lane, upper: true, t.OnsetMs, t.OffsetMs, t.Kind, MissedColour, leastS);
            foreach (var p in c.Unmatched) Span(plot, lane, upper: false, p.OnsetMs, p.OffsetMs, p.Kind, FalseFlagColour, leastS);
            if (i % labelEvery == 0) ticks.Add(new Tick(lane + 0.5, c.Clip));
            if (lane > 0) plot.Add.HorizontalLine(lane, 0.5f, Colors.LightGray);
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(0, endS, 0, Math.Max(clips.Count, 1));
        plot.XLabel("time (s)");
        plot.Title("each clip: coded expressions above, FaceFlash's events below; green matched, red missed, orange false flags; macro paler");
        return plot.GetImageBytes(width, 90 + LaneHeight(clips.Count) * Math.Max(clips.Count, 1), ImageFormat.Png);
    }

    private static void Span(Plot plot, int lane, bool upper, double onsetMs, double offsetMs, string kind, Color colour, double leastS)
    {
        var (bottom, top) = upper ? (lane + 0.52, lane + 0.92) : (lane + 0.08, lane + 0.48);
        var onsetS = onsetMs / 1000;
        var rectangle = plot.Add.Rectangle(onsetS, Math.Max(offsetMs / 1000, onsetS + leastS), bottom, top);
        rectangle.FillStyle.Color = kind == "micro" ? colour : colour.WithAlpha(0.45);
        rectangle.LineStyle.Width = 0;
    }
}
