using System.Numerics;

namespace FaceFlash.Core.Geometry;

/// <summary>An axis-aligned box in pixels (or any unit), origin top-left, y down.</summary>
public readonly record struct BoxF(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;
    public float Bottom => Y + Height;
    public Vector2 Centre => new(X + Width / 2, Y + Height / 2);
    public float Area => Math.Max(Width, 0) * Math.Max(Height, 0);

    public static BoxF FromCentre(Vector2 centre, float width, float height) =>
        new(centre.X - width / 2, centre.Y - height / 2, width, height);

    public bool Contains(Vector2 p) => p.X >= X && p.X <= Right && p.Y >= Y && p.Y <= Bottom;

    public float IntersectionOverUnion(BoxF other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        if (w <= 0 || h <= 0) return 0;
        var inter = w * h;
        return inter / (Area + other.Area - inter);
    }

    /// <summary>The smallest box that holds every point.</summary>
    public static BoxF Bounding(ReadOnlySpan<Vector2> points)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var p in points)
        {
            minX = Math.Min(minX, p.X);
            minY = Math.Min(minY, p.Y);
            maxX = Math.Max(maxX, p.X);
            maxY = Math.Max(maxY, p.Y);
        }
        return new BoxF(minX, minY, maxX - minX, maxY - minY);
    }
}
