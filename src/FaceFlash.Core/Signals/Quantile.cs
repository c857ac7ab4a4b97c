using System.Numerics;

namespace FaceFlash.Core.Signals;

/// <summary>Quantiles of samples already sorted.</summary>
public static class Quantile
{
    /// <summary>The value at fraction <paramref name="p"/> of sorted samples: linear interpolation between order statistics (0 for none).</summary>
    public static T OfSorted<T>(ReadOnlySpan<T> sorted, double p) where T : IFloatingPoint<T>
    {
        if (sorted.Length == 0) return T.Zero;
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        // In double, whatever T, so float samples give exactly what they gave before this was generic.
        var step = double.CreateChecked(sorted[above] - sorted[below]);
        return T.CreateChecked(double.CreateChecked(sorted[below]) + (position - below) * step);
    }
}
