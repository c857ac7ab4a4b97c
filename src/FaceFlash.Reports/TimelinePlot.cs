using FaceFlash.Core.ActionUnits;
using ScottPlot;

namespace FaceFlash.Reports;

/// <summary>
/// One face's AU intensities over time, one lane per AU stacked top to bottom (each lane spans 0–5), with micro
/// events, macro events, blinks and the movements not reported shaded across all lanes.
/// </summary>
public static class TimelinePlot
{
    public static readonly Color MicroColour = Color.FromHex("#d62728").WithAlpha(0.28);
    public static readonly Color MacroColour = Color.FromHex("#1f77b4").WithAlpha(0.22);
    public static readonly Color BlinkColour = Color.FromHex("#7f7f7f").WithAlpha(0.25);
    public static readonly Color UnreportedColour = Color.FromHex("#ffbf00").WithAlpha(0.18);

    public static byte[] Png(FaceTimeline face, IEnumerable<ReportEvent> events, IEnumerable<(int FaceId, double OnsetMs, double OffsetMs)> blinks,
        IEnumerable<ReportUnreported> unreported, int width = 1400, int height = 720)
    {
        var plot = new Plot();
        var lanes = ActionUnitInfo.Bilateral;
        var xs = face.Seconds.ToArray();
        foreach (var u in unreported.Where(u => u.FaceId == face.FaceId))
        {
            var span = plot.Add.HorizontalSpan(u.OnsetMs / 1000, Math.Max(u.OffsetMs / 1000, u.OnsetMs / 1000 + 0.01));
            span.FillStyle.Color = UnreportedColour;
            span.LineStyle.Width = 0;
        }
        foreach (var e in events.Where(e => e.FaceId == face.FaceId))
        {
            var span = plot.Add.HorizontalSpan(e.OnsetMs / 1000, Math.Max(e.OffsetMs / 1000, e.OnsetMs / 1000 + 0.01));
            span.FillStyle.Color = e.Kind == "micro" ? MicroColour : MacroColour;
            span.LineStyle.Width = 0;
        }
        foreach (var b in blinks.Where(b => b.FaceId == face.FaceId))
        {
            var span = plot.Add.HorizontalSpan(b.OnsetMs / 1000, b.OffsetMs / 1000);
            span.FillStyle.Color = BlinkColour;
            span.LineStyle.Width = 0;
        }
        var ticks = new List<Tick>();
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            var baseline = lanes.Length - 1 - lane; // AU01 at the top
            var values = face.Intensities[lanes[lane]];
            var ys = values.Select(v => double.IsNaN(v) ? double.NaN : baseline + Math.Clamp(v, 0, ActionUnitInfo.MaxIntensity) / ActionUnitInfo.MaxIntensity * 0.9).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LineWidth = 1.2f;
            line.Color = Colors.Category10[lane % 10];
            ticks.Add(new Tick(baseline + 0.45, lanes[lane].ToString()));
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsY(-0.2, lanes.Length + 0.1);
        if (xs.Length > 1) plot.Axes.SetLimitsX(xs[0], xs[^1]);
        plot.XLabel("time (s)");
        plot.Title($"face {face.FaceId}: action-unit intensity (each lane 0–5); red micro, blue macro, grey blinks, yellow not reported");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
