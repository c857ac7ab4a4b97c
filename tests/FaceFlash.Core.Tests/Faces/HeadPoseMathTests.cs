using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.Faces;

public sealed class HeadPoseMathTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0.3, 0, 0)]
    [InlineData(0, -0.5, 0)]
    [InlineData(0, 0, 0.2)]
    [InlineData(-0.2, 0.4, -0.3)]
    public void EulerAnglesRoundTripThroughTheRotationMatrix(double pitch, double yaw, double roll)
    {
        var (p, y, r) = HeadPoseMath.EulerXyz(HeadPoseMath.RotationXyz(pitch, yaw, roll));
        Assert.Equal(pitch, p, 5);
        Assert.Equal(yaw, y, 5);
        Assert.Equal(roll, r, 5);
    }

    [Fact]
    public void CanonicalFaceIsSymmetricAndCentred()
    {
        var points = CanonicalFace.Points.Values.ToList();
        Assert.Equal(0, points.Average(p => p.X), 3);
        Assert.Equal(0, points.Average(p => p.Y), 1);
        var right = CanonicalFace.Points[FaceMeshTopology.RightEyeOuter];
        var left = CanonicalFace.Points[FaceMeshTopology.LeftEyeOuter];
        Assert.Equal(90, left.X - right.X, 2);
        Assert.Equal(right.Y, left.Y);
        // The nose tip is nearer the camera than the eye corners (z points away from the camera).
        Assert.True(CanonicalFace.Points[FaceMeshTopology.NoseTip].Z < right.Z - 20);
    }
}
