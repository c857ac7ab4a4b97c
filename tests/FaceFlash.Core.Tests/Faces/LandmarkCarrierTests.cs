using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Core.Tests.Faces;

public sealed class LandmarkCarrierTests
{
    private static readonly TrackingPolicy Policy = new();

    /// <summary>Probe positions of a face with 100 px between the outer eye corners, spread over a 160 px square.</summary>
    private static Vector2[] ProbesAtKeyframe()
    {
        var random = new Random(3);
        var points = new Vector2[LandmarkCarrier.Probes.Length];
        points[0] = new Vector2(250, 200); // right eye outer … the rest anywhere on the face
        points[3] = new Vector2(350, 200);
        for (var i = 0; i < points.Length; i++)
            if (i is not 0 and not 3) points[i] = new Vector2(220 + 160 * random.NextSingle(), 170 + 160 * random.NextSingle());
        return points;
    }

    [Fact]
    public void RigidMotionIsRecoveredAndCarriesEveryLandmarkWithIt()
    {
        var motion = new SimilarityTransform(1.05f * MathF.Cos(0.08f), 1.05f * MathF.Sin(0.08f), new Vector2(-12, 7));
        var key = ProbesAtKeyframe();
        var now = key.Select(motion.Apply).ToArray();

        var (found, departure) = LandmarkCarrier.Measure(key, now);

        Assert.True(departure < 1e-3f, $"departure {departure}");
        Assert.False(LandmarkCarrier.MustRefresh(Policy, 40, 0, departure, 100));
        var landmarks = new Vector3[FaceMeshTopology.PointCount];
        for (var i = 0; i < landmarks.Length; i++) landmarks[i] = new Vector3(200 + i % 20 * 10, 150 + i / 20 * 8, i % 7 - 3);
        for (var i = 0; i < key.Length; i++) landmarks[LandmarkCarrier.Probes[i]] = new Vector3(key[i], 1);
        var carried = new Vector3[landmarks.Length];
        LandmarkCarrier.Carry(found, landmarks, now, carried);
        for (var i = 0; i < landmarks.Length; i++)
        {
            var expected = motion.Apply(new Vector2(landmarks[i].X, landmarks[i].Y));
            Assert.True(Vector2.Distance(expected, new Vector2(carried[i].X, carried[i].Y)) < 1e-3f, $"landmark {i}");
            Assert.Equal(landmarks[i].Z * 1.05f, carried[i].Z, 3);
        }
    }

    [Fact]
    public void ProbesKeepWhereTheFlowFoundThem()
    {
        var key = ProbesAtKeyframe();
        var upperLid = Array.IndexOf(LandmarkCarrier.Probes, FaceMeshTopology.RightEyeUpperLid);
        var now = key.ToArray();
        now[upperLid] += new Vector2(0, 0.5f); // the lid lowers by half a pixel: too little to call FaceMesh
        var landmarks = new Vector3[FaceMeshTopology.PointCount];
        for (var i = 0; i < key.Length; i++) landmarks[LandmarkCarrier.Probes[i]] = new Vector3(key[i], 0);

        var (motion, departure) = LandmarkCarrier.Measure(key, now);
        var carried = new Vector3[landmarks.Length];
        LandmarkCarrier.Carry(motion, landmarks, now, carried);

        Assert.False(LandmarkCarrier.MustRefresh(Policy, 40, 0, departure, 100));
        Assert.Equal(key[upperLid].Y + 0.5f, carried[FaceMeshTopology.RightEyeUpperLid].Y, 3);

        now[upperLid] += new Vector2(0, 0.5f); // 1 px: a lid counts double, so FaceMesh looks (a lip would not call it)
        Assert.True(LandmarkCarrier.MustRefresh(Policy, 40, 0, LandmarkCarrier.Measure(key, now).MaxDeparture, 100));
    }

    [Fact]
    public void AProbeLeavingTheRigidMotionIsMeasuredAndTriggersFaceMesh()
    {
        var key = ProbesAtKeyframe();
        var lipCorner = Array.IndexOf(LandmarkCarrier.Probes, 61);
        var now = key.Select(p => p + new Vector2(3, -2)).ToArray();
        now[lipCorner] += new Vector2(0, 2); // the mouth corner rises 2 px while the head moves

        var (motion, departure) = LandmarkCarrier.Measure(key, now);

        Assert.Equal(new Vector2(3, -2), motion.Translation, new Vector2EqualityComparer(1e-3f));
        Assert.Equal(2, departure, 3);
        Assert.True(LandmarkCarrier.MustRefresh(Policy, 40, 0, departure, 100)); // 2 px > 1.5 % of 100 px
        Assert.False(LandmarkCarrier.MustRefresh(Policy with { MaxLandmarkDeparture = 0.03f }, 40, 0, departure, 100));
    }

    [Fact]
    public void FaceMeshRunsWhenDueWhenAProbeIsLostOrWhenCarryingIsOff()
    {
        Assert.False(LandmarkCarrier.MustRefresh(Policy, Policy.LandmarkRefreshMs - 1, 0, 0.5f, 100));
        Assert.True(LandmarkCarrier.MustRefresh(Policy, Policy.LandmarkRefreshMs, 0, 0.5f, 100));
        Assert.True(LandmarkCarrier.MustRefresh(Policy, 10, 1, 0.5f, 100));
        Assert.True(LandmarkCarrier.MustRefresh(Policy, 10, 0, float.NaN, 100));
        Assert.True(LandmarkCarrier.MustRefresh(Policy with { LandmarkRefreshMs = 0 }, 10, 0, 0, 100));
    }

    private sealed class Vector2EqualityComparer(float tolerance) : IEqualityComparer<Vector2>
    {
        public bool Equals(Vector2 a, Vector2 b) => Vector2.Distance(a, b) <= tolerance;
        public int GetHashCode(Vector2 v) => 0;
    }
}
