using System.Numerics;
using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.Faces;

public sealed class EyeModelTests
{
    private static readonly PinholeCamera Camera = new CameraIntrinsics().For(640, 480);

    /// <summary>
    /// A face whose eyes are drawn from a known eyeball: each eye's mesh points sit on a small ring around the eye's
    /// surface centre, and the iris is where the eyeball's pupil, turned by <paramref name="gaze"/>, projects.
    /// </summary>
    private static FaceObservation FaceLooking(Vector3 gaze, HeadPose pose)
    {
        var face = new FaceObservation { Success = true, Pose = pose };
        var axis = EyeModel.HeadDepthAxis(pose);
        foreach (var (eye, centreX) in new[] { (EyeModel.Eye.ImageLeft, -32f), (EyeModel.Eye.ImageRight, 32f) })
        {
            var surface = new Vector3(pose.Tx + centreX, pose.Ty - 30, pose.Tz - 40);
            var ring = MeshIndicesOf(eye);
            for (var k = 0; k < ring.Length; k++)
            {
                var (s, c) = MathF.SinCos(2 * MathF.PI * k / ring.Length);
                var p = surface + new Vector3(14 * c, 5 * s, 0);
                var pixel = Camera.Project(p);
                face.Landmarks[ring[k]] = new Vector3(pixel.X, pixel.Y, (float)((p.Z - pose.Tz) * Camera.Fx / pose.Tz));
            }
            var centre = surface + EyeModel.EyeballDepthMm * axis;
            var iris = Camera.Project(centre + EyeModel.EyeballRadiusMm * Vector3.Normalize(gaze));
            if (eye == EyeModel.Eye.ImageLeft) face.RightIris = iris; else face.LeftIris = iris;
        }
        return face;
    }

    /// <summary>The eye's six iBUG points and its lid points: all the mesh points <see cref="EyeModel"/> reads for it.</summary>
    private static int[] MeshIndicesOf(EyeModel.Eye eye) => eye == EyeModel.Eye.ImageLeft
        ? [33, 246, 160, 159, 158, 173, 133, 155, 153, 145, 144, 7]
        : [362, 398, 385, 386, 387, 466, 263, 249, 373, 374, 380, 382];

    [Theory]
    [InlineData(0f, 0f, 0f, 0f)]
    [InlineData(0.3f, 0f, 0f, 0f)]
    [InlineData(-0.2f, 0.25f, 0f, 0f)]
    [InlineData(0f, 0f, 0.2f, -0.3f)]
    [InlineData(0.15f, -0.1f, -0.15f, 0.25f)]
    public void TheGazeOfAKnownEyeballIsRecovered(float gazeX, float gazeY, float pitch, float yaw)
    {
        var gaze = Vector3.Normalize(new Vector3(gazeX, gazeY, -1));
        var face = FaceLooking(gaze, new HeadPose(20, -10, 600, pitch, yaw, 0));
        var image = new Vector2[EyeModel.PointCount];
        var space = new Vector3[EyeModel.PointCount];
        foreach (var eye in new[] { EyeModel.Eye.ImageLeft, EyeModel.Eye.ImageRight })
        {
            Assert.True(EyeModel.Fit(face, Camera, eye, image, space, out var found));
            var errorDegrees = MathF.Acos(Math.Clamp(Vector3.Dot(found, gaze), -1, 1)) * 180 / MathF.PI;
            Assert.True(errorDegrees < 0.5f, $"{eye}: gaze off by {errorDegrees:0.00}°");
            // The iris ring surrounds the pupil in the image (its plane lies 1.5 mm behind the pupil on the eyeball, so
            // a turned eye shifts it a fraction of a pixel), and the lids are the mesh's points.
            var ringCentre = image[..8].Aggregate(Vector2.Zero, (s, p) => s + p) / 8;
            Assert.True(Vector2.Distance(ringCentre, EyeModel.IrisCentre(face, eye)) < 1f);
            Assert.Equal(face.Point(MeshIndicesOf(eye)[0]), image[8]);
            Assert.All(space, p => Assert.InRange(p.Z, 500, 700));
        }
    }

    [Fact]
    public void GazeAnglesFollowOpenFacesSigns()
    {
        var ahead = new Vector3(0, 0, -1);
        Assert.Equal((0f, 0f), EyeModel.Angles(ahead, ahead));
        var toImageRightAndDown = Vector3.Normalize(new Vector3(0.3f, 0.2f, -1));
        var (x, y) = EyeModel.Angles(toImageRightAndDown, toImageRightAndDown);
        Assert.Equal(MathF.Atan(0.3f), x, 4);
        Assert.Equal(MathF.Atan(0.2f), y, 4);
    }

    [Fact]
    public void AnIrisNotLocatedGivesNoGaze()
    {
        var face = FaceLooking(new Vector3(0, 0, -1), new HeadPose(0, 0, 500, 0, 0, 0));
        face.RightIris = new Vector2(float.NaN);
        Assert.False(EyeModel.Fit(face, Camera, EyeModel.Eye.ImageLeft, new Vector2[28], new Vector3[28], out _));
    }

    [Fact]
    public void ARayThatMissesTheEyeballTakesItsNearestPoint()
    {
        var centre = new Vector3(0, 0, 100);
        Assert.Equal(new Vector3(0, 0, 88), EyeModel.RaySphere(Vector3.UnitZ, centre, 12));
        var missing = Vector3.Normalize(new Vector3(0.5f, 0, 1));
        var nearest = EyeModel.RaySphere(missing, centre, 12);
        Assert.Equal(12, Vector3.Distance(nearest, centre), 3);
        Assert.True(nearest.X > 0);
    }
}
