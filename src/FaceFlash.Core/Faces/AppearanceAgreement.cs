namespace FaceFlash.Core.Faces;

/// <summary>
/// How much of a face can still be seen as itself: its aligned grey thumbnail against a slowly updated reference of
/// the same face, on a 4 × 4 grid of cells. A cell is visible while its pattern still correlates with the
/// reference's (normalised cross-correlation at least <see cref="VisibleCorrelation"/>): a hand or a card over the
/// face leaves no correlation in the cells it covers, while an expression, which moves a cell's features a few pixels,
/// keeps most of it. Brightness and contrast changes cancel out. Sharpness (the thumbnail's Laplacian energy against
/// the reference's) catches blur, which correlation does not.
/// </summary>
public static class AppearanceAgreement
{
    public const int Cells = 4;
    public const float VisibleCorrelation = 0.3f;

    /// <summary>Cells this flat (grey-level variance below this, on 0–255) carry no pattern to compare and are left out.</summary>
    private const float FlatVariance = 4f;

    /// <summary>The share of the reference's patterned cells still visible in <paramref name="current"/> (both <paramref name="size"/>²); 1 when no cell has a pattern.</summary>
    public static float VisibleShare(ReadOnlySpan<float> reference, ReadOnlySpan<float> current, int size)
    {
        var cell = size / Cells;
        var (visible, counted) = (0, 0);
        for (var cy = 0; cy < Cells; cy++)
            for (var cx = 0; cx < Cells; cx++)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var y = cy * cell; y < (cy + 1) * cell; y++)
                    for (var x = cx * cell; x < (cx + 1) * cell; x++)
                    {
                        double a = reference[y * size + x], b = current[y * size + x];
                        (sa, sb, saa, sbb, sab) = (sa + a, sb + b, saa + a * a, sbb + b * b, sab + a * b);
                    }
                var n = (double)cell * cell;
                var (va, vb) = (saa / n - sa * sa / (n * n), sbb / n - sb * sb / (n * n));
                if (va < FlatVariance) continue; // the reference has nothing here to recognise
                counted++;
                if (vb >= FlatVariance && (sab / n - sa * sb / (n * n)) / Math.Sqrt(va * vb) >= VisibleCorrelation) visible++;
            }
        return counted == 0 ? 1 : (float)visible / counted;
    }

    /// <summary>Mean squared 4-neighbour Laplacian over the thumbnail's interior: fine detail, which blur removes.</summary>
    public static float Sharpness(ReadOnlySpan<float> image, int size)
    {
        double sum = 0;
        for (var y = 1; y < size - 1; y++)
            for (var x = 1; x < size - 1; x++)
            {
                var i = y * size + x;
                double laplacian = 4 * image[i] - image[i - 1] - image[i + 1] - image[i - size] - image[i + size];
                sum += laplacian * laplacian;
            }
        return (float)(sum / ((size - 2) * (size - 2)));
    }

    /// <summary>Moves the reference a step towards the current look (slow changes such as light are followed).</summary>
    public static void Follow(Span<float> reference, ReadOnlySpan<float> current, float rate)
    {
        for (var i = 0; i < reference.Length; i++) reference[i] += rate * (current[i] - reference[i]);
    }
}
