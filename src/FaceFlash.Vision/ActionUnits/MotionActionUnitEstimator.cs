using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Segmentation;
using OpenCvSharp;

namespace FaceFlash.Vision.ActionUnits;

/// <summary>
/// The built-in estimator: landmark-anchored points (brows, lids, cheeks, nose, lips, chin, and the stable eye
/// corners and nose bridge) are followed from frame to frame by pyramidal Lucas–Kanade optical flow, which is far
/// steadier than re-detected landmarks (micro-expressions move 1–3 px); <see cref="FaceMotionModel"/> removes the
/// rigid head motion and decomposes what is left into AUs. While the face is at rest, the flow points are pulled
/// gently towards FaceMesh's landmarks (a complementary filter: flow for small, fast motion; landmarks against slow
/// drift) — never during a movement, where FaceMesh often does not follow a subtle change and the pull would eat
/// it. A point the flow loses is re-anchored on its landmark, and a large head turn starts a new reference. Blinks (AU45) come from the
/// landmarks' eye aperture, which closes fully, where flow on a closing lid is unreliable.
/// </summary>
public sealed class MotionActionUnitEstimator : IActionUnitEstimator
{
    /// <summary>A flow point this far from its landmark (in eye-corner distances) has slipped off its feature.</summary>
    private const float MaxDriftFromLandmark = 0.12f;

    /// <summary>Out-of-plane rotation from the reference pose that distorts the 2-D templates too much (≈ 14°).</summary>
    private const float MaxRotationFromReference = 0.25f;

    /// <summary>Time constant of the pull of flow points towards their landmarks: slow next to expressions (≤ 4 s).</summary>
    private const double LandmarkPullMs = 1000;

    private const float FlowWindowPerEyeDistance = 0.12f;

    /// <summary>Raw intensity under which every AU counts as at rest.</summary>
    private const float CalmBelow = 0.6f;

    /// <summary>Eye aperture lost in a full blink (the lids rarely meet exactly in the landmarks).</summary>
    private const float FullBlinkClosure = 0.8f;

    // Lost points are re-anchored on their landmarks, so every point always contributes.
    private static readonly bool[] AllValid = Enumerable.Repeat(true, FaceRegions.Tracked.Length).ToArray();

    private readonly Dictionary<int, FaceState> _faces = [];
    private readonly TermCriteria _criteria = new(CriteriaTypes.Count | CriteriaTypes.Eps, 20, 0.01);
    private Mat _grey = new();
    private Mat _previousGrey = new();
    private long _frameIndex = -1;
    private double _timestampMs;

    public string Name => "motion";

    private sealed class FaceState
    {
        public readonly FaceMotionModel Model = new();
        public Point2f[] Points = new Point2f[FaceRegions.Tracked.Length];
        public Point2f[] Next = new Point2f[FaceRegions.Tracked.Length];
        public readonly Vector2[] Positions = new Vector2[FaceRegions.Tracked.Length];
        public long LastFrame = -2;
        public double LastMs;
        public float ReferencePitch, ReferenceYaw, ReferenceAperture;

        /// <summary>No AU moving: only then are the flow points pulled towards the landmarks.</summary>
        public bool Calm = true;
    }

    public void BeginFrame(Mat frame, long frameIndex, double timestampMs)
    {
        (_grey, _previousGrey) = (_previousGrey, _grey);
        Cv2.CvtColor(frame, _grey, ColorConversionCodes.BGR2GRAY);
        _frameIndex = frameIndex;
        _timestampMs = timestampMs;
    }

    public EstimateKind Estimate(Mat frame, FaceObservation face, Span<float> intensities)
    {
        if (!_faces.TryGetValue(face.FaceId, out var state)) _faces[face.FaceId] = state = new FaceState();
        var continuous = state.LastFrame == _frameIndex - 1 && state.Model.IsSeeded;
        var pull = (float)(1 - Math.Exp(-(_timestampMs - state.LastMs) / LandmarkPullMs));
        state.LastFrame = _frameIndex;
        state.LastMs = _timestampMs;
        if (!continuous || TurnedAway(state, face))
            return Seed(state, face, intensities);

        Cv2.CalcOpticalFlowPyrLK(_previousGrey, _grey, state.Points, ref state.Next, out var status, out _, FlowWindow(state), 3, _criteria);
        var limit = MaxDriftFromLandmark * state.Model.EyeDistancePx;
        var lost = 0;
        for (var i = 0; i < state.Next.Length; i++)
        {
            var landmark = face.Point(FaceRegions.Tracked[i]);
            var p = new Vector2(state.Next[i].X, state.Next[i].Y);
            if (status[i] != 1 || !float.IsFinite(p.X) || Vector2.Distance(p, landmark) > limit)
            {
                p = landmark; // re-anchored: the flow lost this point
                lost++;
            }
            else if (state.Calm)
            {
                p += pull * (landmark - p);
            }
            state.Positions[i] = p;
            state.Next[i] = new Point2f(p.X, p.Y);
        }
        if (lost > 0.4 * state.Next.Length) return Seed(state, face, intensities);
        (state.Points, state.Next) = (state.Next, state.Points);
        state.Model.Measure(state.Positions, AllValid, intensities);
        state.Calm = ExpressionSegmenter.ExpressionSignal(intensities) < CalmBelow;
        intensities[(int)ActionUnit.AU45] = BlinkIntensity(state, face);
        return EstimateKind.Measured;
    }

    /// <summary>Both eyes' aperture (lid gap over eye width) relative to the reference: 0 open as then, 5 closed.</summary>
    private static float BlinkIntensity(FaceState state, FaceObservation face)
    {
        var closure = 1 - Aperture(face) / state.ReferenceAperture;
        return Math.Clamp(closure / FullBlinkClosure * ActionUnitInfo.MaxIntensity, 0, ActionUnitInfo.MaxIntensity);
    }

    private static float Aperture(FaceObservation face)
    {
        float Eye(int upper, int lower, int outer, int inner) =>
            Vector2.Distance(face.Point(upper), face.Point(lower)) / Math.Max(Vector2.Distance(face.Point(outer), face.Point(inner)), 1e-3f);
        return (Eye(FaceMeshTopology.RightEyeUpperLid, FaceMeshTopology.RightEyeLowerLid, FaceMeshTopology.RightEyeOuter, FaceMeshTopology.RightEyeInner)
                + Eye(FaceMeshTopology.LeftEyeUpperLid, FaceMeshTopology.LeftEyeLowerLid, FaceMeshTopology.LeftEyeOuter, FaceMeshTopology.LeftEyeInner)) / 2;
    }

    /// <summary>
    /// The flow window, about an eighth of the eye distance: small enough to see a lid or a lip corner move on its
    /// own (a larger window averages in the still skin around it), large enough to hold texture.
    /// </summary>
    private static Size FlowWindow(FaceState state)
    {
        var side = Math.Clamp((int)Math.Round(FlowWindowPerEyeDistance * state.Model.EyeDistancePx) | 1, 7, 31);
        return new Size(side, side);
    }

    private static bool TurnedAway(FaceState state, FaceObservation face) =>
        Math.Abs(face.Pose.Rx - state.ReferencePitch) > MaxRotationFromReference || Math.Abs(face.Pose.Ry - state.ReferenceYaw) > MaxRotationFromReference;

    private static EstimateKind Seed(FaceState state, FaceObservation face, Span<float> intensities)
    {
        for (var i = 0; i < FaceRegions.Tracked.Length; i++)
        {
            var p = face.Point(FaceRegions.Tracked[i]);
            state.Positions[i] = p;
            state.Points[i] = new Point2f(p.X, p.Y);
        }
        state.Model.Seed(state.Positions);
        (state.ReferencePitch, state.ReferenceYaw) = (face.Pose.Rx, face.Pose.Ry);
        state.ReferenceAperture = Math.Max(Aperture(face), 0.05f);
        intensities.Clear();
        return EstimateKind.Restarted;
    }

    public void Forget(int faceId) => _faces.Remove(faceId);

    public void Rebase(int faceId)
    {
        if (_faces.TryGetValue(faceId, out var state)) state.LastFrame = -2;
    }

    public void Dispose()
    {
        _grey.Dispose();
        _previousGrey.Dispose();
    }
}
