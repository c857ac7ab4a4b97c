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
        Assert.Equal(88.92, left.X - right.X, 2); // MediaPipe's canonical face
        Assert.Equal(right.Y, left.Y);
        // The nose tip is nearer the camera than the eye corners (z points away from the camera).
        Assert.True(CanonicalFace.Points[FaceMeshTopology.NoseTip].Z < right.Z - 20);
    }

    [Fact]
    public void RodriguesMatchesTheEulerComposition()
    {
        // A rotation of 0.3 rad about z is roll alone.
        var r = new double[9];
        HeadPoseMath.RotationFromVector(0, 0, 0.3, r);
        var expected = HeadPoseMath.RotationXyz(0, 0, 0.3);
        for (var i = 0; i < 9; i++) Assert.Equal(expected[i], r[i], 9);
        HeadPoseMath.RotationFromVector(0, 0, 0, r);
        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], r);
        // Any rotation vector gives an orthonormal matrix whose angles round-trip.
        HeadPoseMath.RotationFromVector(0.2, -0.4, 0.1, r);
        var (p, y, rl) = HeadPoseMath.EulerXyz(r);
        var back = HeadPoseMath.RotationXyz(p, y, rl);
        for (var i = 0; i < 9; i++) Assert.Equal(r[i], back[i], 5); // the angles are single precision
    }
}
