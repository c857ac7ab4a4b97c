using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tests.Geometry;

public sealed class FaceRegionTests
{
    [Fact]
    public void CropCornersMapToTheRotatedSquare()
    {
        var region = new FaceRegion(new Vector2(100, 50), 40, MathF.PI / 2);
        var m = region.CropToImage(192);
        Assert.Equal(new Vector2(100, 50), Vector2.Transform(new Vector2(96, 96), m));
        // The crop's x axis follows the eye line: rotated a quarter turn, it points down the image.
        var right = Vector2.Transform(new Vector2(192, 96), m);
        Assert.Equal(100, right.X, 4);
        Assert.Equal(70, right.Y, 4);
    }

    [Fact]
    public void EyeLineAngleIsPositiveWhenTheLeftEyeIsLower()
    {
        Assert.Equal(0, FaceRegion.EyeLineAngle(new Vector2(0, 0), new Vector2(10, 0)), 6);
        Assert.True(FaceRegion.EyeLineAngle(new Vector2(0, 0), new Vector2(10, 2)) > 0);
    }

    [Fact]
    public void RegionFromLandmarksIsCentredAndEnlarged()
    {
        Vector2[] square = [new(10, 10), new(30, 10), new(30, 30), new(10, 30)];
        var region = FaceRegion.FromLandmarks(square, square[0], square[1]);
        Assert.Equal(new Vector2(20, 20), region.Centre);
        Assert.Equal(20 * FaceRegion.DefaultScale, region.Size, 4);
        Assert.Equal(0, region.Rotation, 6);
    }

    [Fact]
    public void ATiltedFaceDoesNotInflateItsRegion()
    {
        Vector2[] square = [new(10, 10), new(30, 10), new(30, 30), new(10, 30)];
        var tilt = Matrix3x2.CreateRotation(0.4f, new Vector2(20, 20));
        var tilted = square.Select(p => Vector2.Transform(p, tilt)).ToArray();
        var region = FaceRegion.FromLandmarks(tilted, tilted[0], tilted[1]);
        Assert.Equal(20 * FaceRegion.DefaultScale, region.Size, 3);
        Assert.Equal(0.4f, region.Rotation, 4);
        Assert.Equal(20, region.Centre.X, 3);
        Assert.Equal(20, region.Centre.Y, 3);
    }

    [Theory]
    [InlineData(0, 0, 10, 10, 0, 0, 10, 10, 1)]
    [InlineData(0, 0, 10, 10, 5, 0, 10, 10, 1 / 3.0)]
    [InlineData(0, 0, 10, 10, 20, 20, 5, 5, 0)]
    public void IntersectionOverUnion(float x1, float y1, float w1, float h1, float x2, float y2, float w2, float h2, double iou) =>
        Assert.Equal(iou, new BoxF(x1, y1, w1, h1).IntersectionOverUnion(new BoxF(x2, y2, w2, h2)), 5);
}
