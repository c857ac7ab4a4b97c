using System.Numerics;

namespace FaceFlash.Core.Geometry;

/// <summary>
/// A 2-D similarity (uniform scale, rotation, translation): p ↦ s·R·p + t, written as the complex multiplication
/// (a + ib)·p + t. Fitted by least squares (Umeyama/Procrustes without reflection).
/// </summary>
public readonly record struct SimilarityTransform(float A, float B, Vector2 Translation)
{
    public static readonly SimilarityTransform Identity = new(1, 0, Vector2.Zero);

    public float Scale => MathF.Sqrt(A * A + B * B);
    public float Rotation => MathF.Atan2(B, A);

    public Vector2 Apply(Vector2 p) => new Vector2(A * p.X - B * p.Y, B * p.X + A * p.Y) + Translation;

    /// <summary>The same map as a <see cref="Matrix3x2"/> (row vectors, as <see cref="Vector2.Transform(Vector2, Matrix3x2)"/> applies it).</summary>
    public Matrix3x2 ToMatrix() => new(A, B, -B, A, Translation.X, Translation.Y);

    /// <summary>The transform that best maps <paramref name="from"/> onto <paramref name="to"/>; points with zero weight are ignored.</summary>
    public static SimilarityTransform Fit(ReadOnlySpan<Vector2> from, ReadOnlySpan<Vector2> to, ReadOnlySpan<float> weights = default)
    {
        float total = 0;
        Vector2 meanFrom = default, meanTo = default;
        for (var i = 0; i < from.Length; i++)
        {
            var w = weights.IsEmpty ? 1 : weights[i];
            total += w;
            meanFrom += w * from[i];
            meanTo += w * to[i];
        }
        if (total <= 0) return Identity;
        meanFrom /= total;
        meanTo /= total;
        float sxx = 0, dot = 0, cross = 0;
        for (var i = 0; i < from.Length; i++)
        {
            var w = weights.IsEmpty ? 1 : weights[i];
            var p = from[i] - meanFrom;
            var q = to[i] - meanTo;
            sxx += w * p.LengthSquared();
            dot += w * Vector2.Dot(p, q);
            cross += w * (p.X * q.Y - p.Y * q.X);
        }
        if (sxx <= 0) return new SimilarityTransform(1, 0, meanTo - meanFrom);
        var a = dot / sxx;
        var b = cross / sxx;
        var t = meanTo - new Vector2(a * meanFrom.X - b * meanFrom.Y, b * meanFrom.X + a * meanFrom.Y);
        return new SimilarityTransform(a, b, t);
    }
}
