using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Output;
using ScottPlot;

namespace FaceFlash.Reports;

/// <summary>
/// One face's AU intensities over time, one lane per AU stacked top to bottom (each lane spans 0–5), with micro
/// events, macro events, blinks and the movements not reported shaded across all lanes; where the video was scored
/// against a coding, a lane above them with the coded expressions, green where found and red where missed (the
/// colours of <c>eval.png</c>).
/// </summary>
public static class TimelinePlot
{
    public static readonly Color MicroColour = Color.FromHex("#d62728").WithAlpha(0.28);
    public static readonly Color MacroColour = Color.FromHex("#1f77b4").WithAlpha(0.22);
    public static readonly Color BlinkColour = Color.FromHex("#7f7f7f").WithAlpha(0.25);
    public static readonly Color UnreportedColour = Color.FromHex("#ffbf00").WithAlpha(0.18);
    public static readonly Color UnmeasuredColour = Color.FromHex("#9467bd").WithAlpha(0.16);

    /// <param name="unmeasured">stretches in which no movement could be reported (the summary's <c>unmeasured</c>): the AUs
    /// there are drawn, but nothing there was judged</param>
    /// <param name="coded">the video's coded expressions (a coding names no face, so every face's plot shows them); null where it was not scored</param>
    /// <param name="codedBlinks">its blinks judged against a coding of every blink, drawn low in the coded lane</param>
    public static byte[] Png(FaceTimeline face, IEnumerable<ReportEvent> events, IEnumerable<(int FaceId, double OnsetMs, double OffsetMs)> blinks,
        IEnumerable<ReportUnreported> unreported, IEnumerable<Core.Segmentation.UnmeasuredStretch> unmeasured, IReadOnlyList<CodedExpression>? coded = null,
        IReadOnlyList<JudgedBlink>? codedBlinks = null, int width = 1400, int height = 720)
    {
        var plot = new Plot();
        var lanes = ActionUnitInfo.Bilateral;
        var xs = face.Seconds.ToArray();
        foreach (var u in unmeasured.Where(u => u.FaceId == face.FaceId))
        {
            var span = plot.Add.HorizontalSpan(u.FromMs / 1000, Math.Max(u.ToMs / 1000, u.FromMs / 1000 + 0.01));
            span.FillStyle.Color = UnmeasuredColour;
            span.LineStyle.Width = 0;
        }
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
        var top = lanes.Length + 0.1;
        if (coded is not null)
        {
            foreach (var c in coded)
            {
                var bar = plot.Add.Rectangle(c.OnsetMs / 1000, Math.Max(c.OffsetMs / 1000, c.OnsetMs / 1000 + 0.01), lanes.Length + 0.15, lanes.Length + 0.85);
                var colour = c.Found ? SpottingPlot.MatchedColour : SpottingPlot.MissedColour;
                bar.FillStyle.Color = c.Kind == "micro" ? colour : colour.WithAlpha(0.45); // macro-expressions paler, as in eval.png
                bar.LineStyle.Width = 0;
            }
            foreach (var b in codedBlinks ?? [])
            {
                var bar = plot.Add.Rectangle(b.OnsetMs / 1000, b.OffsetMs / 1000, lanes.Length + 0.15, lanes.Length + 0.35);
                bar.FillStyle.Color = b.Outcome switch
                {
                    BlinkMatchesCsv.Found => SpottingPlot.MatchedColour,
                    BlinkMatchesCsv.Missed => SpottingPlot.MissedColour,
                    _ => SpottingPlot.FalseFlagColour,
                };
                bar.LineStyle.Width = 0;
            }
            ticks.Add(new Tick(lanes.Length + 0.5, "coded"));
            top = lanes.Length + 1;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsY(-0.2, top);
        if (xs.Length > 1) plot.Axes.SetLimitsX(xs[0], xs[^1]);
        plot.XLabel("time (s)");
        plot.Title($"face {face.FaceId}: action-unit intensity (each lane 0–5); red micro, blue macro, grey blinks, yellow not reported, violet not measured" +
                   (coded is null ? "" : "; top: coded, green found, red missed"));
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>How much of the face's trace an event's own plot shows before its onset and after its offset.</summary>
    public const double EventMarginMs = 1000;

    /// <summary>
    /// One event's own AUs (those at its apex, a side counted as its AU) from a second before its onset to a second
    /// after its offset, the event shaded: in a long recording the face's timeline gives a 200 ms event less than a
    /// pixel. Null when the event names no AU or the face has no frames there.
    /// </summary>
    public static byte[]? EventPng(FaceTimeline face, ReportEvent e) => SpanPng(face, e.OnsetMs, e.OffsetMs, e.Kind, AusNamed(e.Aus, face));

    /// <summary>
    /// A coded expression's plot as an event's: the AUs its coding names (<c>AU01+AU04</c>), else the three that rose
    /// most over it from the second before — where a miss shows what the face did. Null as <see cref="EventPng"/>.
    /// </summary>
    public static byte[]? CodedPng(FaceTimeline face, CodedExpression c) =>
        SpanPng(face, c.OnsetMs, c.OffsetMs, c.Kind, AusNamed(c.Aus, face) is { Count: > 0 } named ? named : MostRisen(face, c.OnsetMs, c.OffsetMs, 3));

    private static List<ActionUnit> AusNamed(string aus, FaceTimeline face) =>
        aus.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<ActionUnit>(name, out var au) ? ActionUnitInfo.BilateralOf(au) : (ActionUnit?)null)
            .OfType<ActionUnit>().Distinct().Where(face.Intensities.ContainsKey).ToList();

    /// <summary>The AUs whose highest value within the span rose most above their median in the second before it.</summary>
    private static List<ActionUnit> MostRisen(FaceTimeline face, double onsetMs, double offsetMs, int count)
    {
        var before = Enumerable.Range(0, face.Seconds.Count).Where(i => face.Seconds[i] * 1000 >= onsetMs - 1000 && face.Seconds[i] * 1000 < onsetMs).ToList();
        var within = Enumerable.Range(0, face.Seconds.Count).Where(i => face.Seconds[i] * 1000 >= onsetMs && face.Seconds[i] * 1000 <= offsetMs).ToList();
        if (within.Count == 0) return [];
        double Rise(ActionUnit au)
        {
            var values = face.Intensities[au];
            var rest = before.Select(i => values[i]).Where(double.IsFinite).Order().ToList();
            var peak = within.Select(i => values[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
            return peak - (rest.Count > 0 ? rest[rest.Count / 2] : 0);
        }
        return face.Intensities.Keys.Where(au => au != ActionUnit.AU45).Select(au => (Au: au, Rise: Rise(au)))
            .Where(x => x.Rise > 0).OrderByDescending(x => x.Rise).Take(count).Select(x => x.Au).ToList();
    }

    private static byte[]? SpanPng(FaceTimeline face, double onsetMs, double offsetMs, string kind, List<ActionUnit> aus, int width = 440, int height = 150)
    {
        var (from, to) = ((onsetMs - EventMarginMs) / 1000, (offsetMs + EventMarginMs) / 1000);
        var frames = Enumerable.Range(0, face.Seconds.Count).Where(i => face.Seconds[i] >= from && face.Seconds[i] <= to).ToList();
        if (aus.Count == 0 || frames.Count < 2) return null;

        var plot = new Plot();
        var span = plot.Add.HorizontalSpan(onsetMs / 1000, Math.Max(offsetMs / 1000, onsetMs / 1000 + 0.01));
        span.FillStyle.Color = kind == "micro" ? MicroColour : MacroColour;
        span.LineStyle.Width = 0;
        var xs = frames.Select(i => face.Seconds[i]).ToArray();
        var top = 1.0;
        foreach (var (au, k) in aus.Select((au, k) => (au, k)))
        {
            var ys = frames.Select(i => face.Intensities[au][i]).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LineWidth = 1.5f;
            line.Color = Colors.Category10[k % 10];
            line.LegendText = au.ToString();
            top = Math.Max(top, ys.Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        plot.Axes.SetLimits(from, to, 0, top * 1.1);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 10;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
