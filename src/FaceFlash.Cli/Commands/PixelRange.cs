using System.Globalization;

namespace FaceFlash.Cli.Commands;

/// <summary>An amplitude range on the command line: <c>MIN-MAX</c> in pixels (<c>1-4</c>, <c>2.5-3</c>), or one value for both.</summary>
public static class PixelRange
{
    /// <summary>The largest amplitude accepted: a bound against slips (40 for 4.0); expressions move a point a few pixels to a few tens.</summary>
    public const double MaxPx = 50;

    /// <summary>The range, or null when the text is not one (or not within 0 &lt; MIN ≤ MAX ≤ <see cref="MaxPx"/>).</summary>
    public static (double Min, double Max)? Parse(string? text)
    {
        var parts = text?.Split('-');
        if (parts is not ([_] or [_, _])) return null;
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return null;
        var (min, max) = (values[0], values[^1]);
        return min is > 0 and <= MaxPx && max >= min && max <= MaxPx ? (min, max) : null;
    }

    public static string Format((double Min, double Max) range) =>
        range.Min == range.Max
            ? range.Min.ToString("0.##", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{range.Min:0.##}-{range.Max:0.##}");
}
