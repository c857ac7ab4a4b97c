using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tests.Geometry;

public sealed class BoxFTests
{
    [Fact]
    public void ABoxKnowsItsEdgesCentreAndArea()
    {
        var box = new BoxF(10, 20, 30, 40);
        Assert.Equal((40f, 60f), (box.Right, box.Bottom));
        Assert.Equal(new Vector2(25, 40), box.Centre);
        Assert.Equal(1200, box.Area);
        Assert.Equal(0, new BoxF(0, 0, -5, 10).Area); // an empty box, not a negative area
        Assert.Equal(box, BoxF.FromCentre(new Vector2(25, 40), 30, 40));
    }

    [Fact]
    public void ABoxContainsThePointsOnItsEdges()
    {
        var box = new BoxF(10, 20, 30, 40);
        Assert.True(box.Contains(new Vector2(10, 20)));
        Assert.True(box.Contains(new Vector2(40, 60)));
        Assert.False(box.Contains(new Vector2(9.9f, 30)));
        Assert.False(box.Contains(new Vector2(20, 60.1f)));
    }

    [Fact]
    public void IntersectionOverUnionIsTheSharedAreaOverTheWhole()
    {
        var a = new BoxF(0, 0, 10, 10);
        Assert.Equal(1, a.IntersectionOverUnion(a));
        Assert.Equal(50f / 150, a.IntersectionOverUnion(new BoxF(5, 0, 10, 10)), 1e-6);
        Assert.Equal(25f / 175, a.IntersectionOverUnion(new BoxF(5, 5, 10, 10)), 1e-6);
        Assert.Equal(0, a.IntersectionOverUnion(new BoxF(10, 0, 10, 10))); // touching edges share nothing
        Assert.Equal(0, a.IntersectionOverUnion(new BoxF(0, 12, 10, 10)));
    }

    [Fact]
    public void TheBoundingBoxHoldsEveryPoint()
    {
        Vector2[] points = [new(3, 7), new(-2, 4), new(5, -1), new(0, 9)];
        Assert.Equal(new BoxF(-2, -1, 7, 10), BoxF.Bounding(points));
    }
}
