using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Integration.Tests.Faces;

/// <summary>Head pose against known geometry: MediaPipe's canonical face, projected through the assumed camera.</summary>
public sealed class HeadPoseTests(ITestOutputHelper output)
{
    [Fact]
    public void TheReferenceFaceIsMediaPipesCanonicalModel()
    {
        var mesh = MediaPipeCanonicalMesh.Read();
        Assert.Equal(FaceMeshTopology.PointCount, mesh.Length);
        foreach (var (index, point) in CanonicalFace.FromMediaPipe)
        {
            var v = mesh[index];
            Assert.Equal(10 * v.X, point.X, 0.006f);
            Assert.Equal(-10 * v.Y, point.Y, 0.006f);
            Assert.Equal(-10 * v.Z, point.Z, 0.006f);
        }
    }

    /// <summary>
    /// The whole canonical mesh at 200 random poses (pitch and yaw ±30°, roll ±20°, 0.3–0.9 m away, anywhere in a
    /// 640×480 image), projected with 0.5 px of noise: the estimator recovers each angle to within 2° on average.
    /// </summary>
    [Fact]
    public void PoseIsRecoveredFromAProjectedFace()
    {
        var mesh = MediaPipeCanonicalMesh.Read();
        var centroid = CanonicalFace.Indices.Aggregate(Vector3.Zero, (s, i) => s + Millimetres(mesh[i])) / CanonicalFace.Indices.Length;
        var camera = new CameraIntrinsics().For(640, 480);
        using var estimator = new HeadPoseEstimator(new CameraIntrinsics());
        var random = new Random(7);
        double Uniform(double a, double b) => a + (b - a) * random.NextDouble();
        double Noise() => 0.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        var errors = new List<(double Pitch, double Yaw, double Roll, double Depth)>();
        var face = new FaceObservation();
        for (var trial = 0; trial < 200; trial++)
        {
            var (pitch, yaw, roll) = (Uniform(-0.52, 0.52), Uniform(-0.52, 0.52), Uniform(-0.35, 0.35));
            var z = Uniform(300, 900);
            var t = new Vector3((float)Uniform(-0.25 * z, 0.25 * z), (float)Uniform(-0.2 * z, 0.2 * z), (float)z);
            var r = HeadPoseMath.RotationXyz(pitch, yaw, roll);
            for (var i = 0; i < mesh.Length; i++)
            {
                var p = Millimetres(mesh[i]) - centroid;
                var rotated = new Vector3(
                    (float)(r[0] * p.X + r[1] * p.Y + r[2] * p.Z),
                    (float)(r[3] * p.X + r[4] * p.Y + r[5] * p.Z),
                    (float)(r[6] * p.X + r[7] * p.Y + r[8] * p.Z)) + t;
                var pixel = camera.Project(rotated);
                face.Landmarks[i] = new Vector3(pixel.X + (float)Noise(), pixel.Y + (float)Noise(), 0);
            }
            var pose = estimator.Estimate(face, 640, 480);
            errors.Add((Degrees(pose.Rx - pitch), Degrees(pose.Ry - yaw), Degrees(pose.Rz - roll), pose.Tz - z));
        }
        var (meanPitch, meanYaw, meanRoll) = (errors.Average(e => Math.Abs(e.Pitch)), errors.Average(e => Math.Abs(e.Yaw)), errors.Average(e => Math.Abs(e.Roll)));
        output.WriteLine($"mean absolute error: pitch {meanPitch:0.00}°, yaw {meanYaw:0.00}°, roll {meanRoll:0.00}°, depth {errors.Average(e => Math.Abs(e.Depth)):0.0} mm; " +
                         $"worst pitch {errors.Max(e => Math.Abs(e.Pitch)):0.00}°, yaw {errors.Max(e => Math.Abs(e.Yaw)):0.00}°");
        Assert.True(meanPitch <= 2 && meanYaw <= 2 && meanRoll <= 2, $"mean errors {meanPitch:0.00}°, {meanYaw:0.00}°, {meanRoll:0.00}°");
        Assert.True(Math.Abs(errors.Average(e => e.Pitch)) < 0.5, "pitch is biased");
    }

    private static Vector3 Millimetres(Vector3 mediaPipe) => new(10 * mediaPipe.X, -10 * mediaPipe.Y, -10 * mediaPipe.Z);

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
