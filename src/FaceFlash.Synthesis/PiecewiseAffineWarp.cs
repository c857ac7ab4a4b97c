using System.Numerics;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// Moves an image with its face mesh: the mesh's points (and a fixed frame around the face) are triangulated
/// (Delaunay, once per clip, from the first face), and each pixel of a moved triangle samples the source through that
/// triangle's affine map — the piecewise-affine warp of active appearance models. Outside the face nothing moves.
/// </summary>
internal sealed class PiecewiseAffineWarp : IDisposable
{
    /// <summary>Fixed points on a frame this much larger than the face's bounds, so the warp fades out around it.</summary>
    private const float FrameMargin = 0.35f;

    private readonly Mat _mapX = new(), _mapY = new(), _slope = new();
    private int[]? _triangles;
    private Vector2[] _source = [], _moved = [];

    public void Apply(Mat image, Vector2[] points, ReadOnlySpan<Vector2> shift, Mat output)
    {
        var count = points.Length;
        if (_source.Length != count + 8) (_source, _moved) = (new Vector2[count + 8], new Vector2[count + 8]);
        var (min, max) = Bounds(points);
        var margin = (max - min) * FrameMargin;
        (min, max) = (Vector2.Max(min - margin, Vector2.Zero), Vector2.Min(max + margin, new Vector2(image.Width - 1, image.Height - 1)));
        points.CopyTo(_source, 0);
        var mid = (min + max) / 2;
        Vector2[] frame = [min, new(mid.X, min.Y), new(max.X, min.Y), new(max.X, mid.Y), max, new(mid.X, max.Y), new(min.X, max.Y), new(min.X, mid.Y)];
        frame.CopyTo(_source, count);
        for (var i = 0; i < _moved.Length; i++) _moved[i] = _source[i] + (i < count && i < shift.Length ? shift[i] : Vector2.Zero);
        _triangles ??= Triangulate(_source, image.Size());

        IdentityMap.Fill(_mapX, _mapY, image.Size());
        for (var t = 0; t < _triangles.Length; t += 3) Fill(_triangles[t], _triangles[t + 1], _triangles[t + 2]);
        Cv2.Remap(image, output, _mapX, _mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
    }

    /// <summary>Brightens one side and darkens the other by <paramref name="slope"/> (a share of the value) across the image.</summary>
    public unsafe void Slope(Mat image, double slope)
    {
        var (rows, cols) = (image.Rows, image.Cols);
        if (_slope.Cols != cols || _slope.Rows != rows) _slope.Create(rows, cols, MatType.CV_32FC3);
        for (var y = 0; y < rows; y++)
        {
            var row = (float*)_slope.Ptr(y);
            for (var x = 0; x < cols; x++)
            {
                var g = (float)(1 + slope * (2.0 * x / cols - 1));
                row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = g;
            }
        }
        using var asFloat = new Mat();
        image.ConvertTo(asFloat, MatType.CV_32FC3);
        Cv2.Multiply(asFloat, _slope, asFloat);
        asFloat.ConvertTo(image, MatType.CV_8UC3);
    }

    private static (Vector2 Min, Vector2 Max) Bounds(Vector2[] points)
    {
        var (min, max) = (new Vector2(float.MaxValue), new Vector2(float.MinValue));
        foreach (var p in points) (min, max) = (Vector2.Min(min, p), Vector2.Max(max, p));
        return (min, max);
    }

    private static int[] Triangulate(Vector2[] points, Size size)
    {
        using var subdivision = new Subdiv2D(new Rect(-size.Width, -size.Height, 3 * size.Width, 3 * size.Height));
        var index = new Dictionary<(int, int), int>();
        for (var i = 0; i < points.Length; i++)
        {
            var key = ((int)MathF.Round(points[i].X * 16), (int)MathF.Round(points[i].Y * 16));
            if (index.TryAdd(key, i)) subdivision.Insert(new Point2f(points[i].X, points[i].Y));
        }
        var triangles = new List<int>();
        foreach (var t in subdivision.GetTriangleList())
        {
            int? Find(float x, float y) => index.TryGetValue(((int)MathF.Round(x * 16), (int)MathF.Round(y * 16)), out var i) ? i : null;
            if (Find(t.Item0, t.Item1) is { } a && Find(t.Item2, t.Item3) is { } b && Find(t.Item4, t.Item5) is { } c) triangles.AddRange([a, b, c]);
        }
        return [.. triangles];
    }

    /// <summary>Every pixel of the moved triangle (a, b, c) samples the source triangle at the same barycentric coordinates.</summary>
    private unsafe void Fill(int a, int b, int c)
    {
        var (p, q, r) = (_moved[a], _moved[b], _moved[c]);
        var area = (q.X - p.X) * (r.Y - p.Y) - (r.X - p.X) * (q.Y - p.Y);
        if (MathF.Abs(area) < 1e-6f) return;
        var x0 = Math.Max(0, (int)MathF.Floor(MathF.Min(p.X, MathF.Min(q.X, r.X))));
        var x1 = Math.Min(_mapX.Cols - 1, (int)MathF.Ceiling(MathF.Max(p.X, MathF.Max(q.X, r.X))));
        var y0 = Math.Max(0, (int)MathF.Floor(MathF.Min(p.Y, MathF.Min(q.Y, r.Y))));
        var y1 = Math.Min(_mapX.Rows - 1, (int)MathF.Ceiling(MathF.Max(p.Y, MathF.Max(q.Y, r.Y))));
        var (sa, sb, sc) = (_source[a], _source[b], _source[c]);
        for (var y = y0; y <= y1; y++)
        {
            var rowX = (float*)_mapX.Ptr(y);
            var rowY = (float*)_mapY.Ptr(y);
            for (var x = x0; x <= x1; x++)
            {
                var w1 = ((q.X - x) * (r.Y - y) - (r.X - x) * (q.Y - y)) / area;
                var w2 = ((r.X - x) * (p.Y - y) - (p.X - x) * (r.Y - y)) / area;
                var w3 = 1 - w1 - w2;
                if (w1 < -1e-4f || w2 < -1e-4f || w3 < -1e-4f) continue;
                var s = w1 * sa + w2 * sb + w3 * sc;
                rowX[x] = s.X;
                rowY[x] = s.Y;
            }
        }
    }

    public void Dispose()
    {
        foreach (var m in new[] { _mapX, _mapY, _slope }) m.Dispose();
    }
}
