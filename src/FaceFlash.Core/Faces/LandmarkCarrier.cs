using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Core.Faces;

/// <summary>
/// Carries FaceMesh landmarks from the frame FaceMesh last ran on (the keyframe) to a later frame, from where optical
/// flow found a few probe points. The head's motion is the similarity that best maps the anchor probes (eye corners,
/// nose bridge); the landmarks move with it only while every probe still follows it — a lid, brow, lip or chin
/// departing from the rigid motion means the face is changing shape, and FaceMesh must look again. The probes
/// themselves keep the positions the flow found, so lid and lip movements too small to call FaceMesh still show
/// (the blink measure reads the lids from them).
/// </summary>
public static class LandmarkCarrier
{
    /// <summary>FaceMesh indices of the probes: the anchors first, then a point or two on every part that deforms.</summary>
    public static readonly int[] Probes =
    [
        .. FaceMeshTopology.Anchors,
        FaceMeshTopology.RightBrowInner, FaceMeshTopology.LeftBrowInner, FaceMeshTopology.RightBrowMiddle,
        FaceMeshTopology.LeftBrowMiddle, FaceMeshTopology.RightBrowOuter, FaceMeshTopology.LeftBrowOuter,
        FaceMeshTopology.RightEyeUpperLid, FaceMeshTopology.LeftEyeUpperLid, FaceMeshTopology.RightEyeLowerLid, FaceMeshTopology.LeftEyeLowerLid,
        FaceMeshTopology.RightCheek, FaceMeshTopology.LeftCheek, FaceMeshTopology.RightNoseWing, FaceMeshTopology.LeftNoseWing,
        FaceMeshTopology.MouthRightCorner, FaceMeshTopology.MouthLeftCorner, FaceMeshTopology.UpperLipTop, FaceMeshTopology.UpperLipInner,
        FaceMeshTopology.LowerLipInner, FaceMeshTopology.LowerLipBottom, FaceMeshTopology.Chin,
    ];

    private static readonly int AnchorCount = FaceMeshTopology.Anchors.Length;

    /// <summary>
    /// The lids count double: the blink measure reads them, and flow on a lid that starts to close lags behind it,
    /// so a blink must call FaceMesh from its first frames (a late one let a blink pass as a micro-expression).
    /// </summary>
    public const float LidWeight = 2;

    private static readonly float[] DepartureWeights = Probes
        .Select(p => p is FaceMeshTopology.RightEyeUpperLid or FaceMeshTopology.LeftEyeUpperLid
            or FaceMeshTopology.RightEyeLowerLid or FaceMeshTopology.LeftEyeLowerLid ? LidWeight : 1f)
        .ToArray();

    /// <summary>
    /// The head's motion from the keyframe, and the largest distance (px) any probe departs from it (lids weighted by
    /// <see cref="LidWeight"/>).
    /// </summary>
    public static (SimilarityTransform Motion, float MaxDeparture) Measure(ReadOnlySpan<Vector2> atKeyframe, ReadOnlySpan<Vector2> now)
    {
        var motion = SimilarityTransform.Fit(atKeyframe[..AnchorCount], now[..AnchorCount]);
        var worst = 0f;
        for (var i = 0; i < atKeyframe.Length; i++)
            worst = MathF.Max(worst, DepartureWeights[i] * Vector2.Distance(motion.Apply(atKeyframe[i]), now[i]));
        return (motion, worst);
    }

    /// <summary>Whether FaceMesh must run rather than carry the landmarks on.</summary>
    /// <param name="lost">probes the flow could not follow</param>
    public static bool MustRefresh(TrackingPolicy policy, double sinceKeyframeMs, int lost, float maxDeparture, float eyeDistance) =>
        policy.LandmarkRefreshMs <= 0
        || sinceKeyframeMs >= policy.LandmarkRefreshMs
        || lost > 0
        || !float.IsFinite(maxDeparture)
        || maxDeparture > policy.MaxLandmarkDeparture * eyeDistance;

    /// <summary>
    /// Moves every landmark with the head (depth scales with the apparent size), then puts each probe where the flow
    /// found it (<paramref name="probesNow"/>, in <see cref="Probes"/> order).
    /// </summary>
    public static void Carry(SimilarityTransform motion, ReadOnlySpan<Vector3> atKeyframe, ReadOnlySpan<Vector2> probesNow, Span<Vector3> now)
    {
        var scale = motion.Scale;
        for (var i = 0; i < atKeyframe.Length; i++)
        {
            var p = atKeyframe[i];
            now[i] = new Vector3(motion.Apply(new Vector2(p.X, p.Y)), p.Z * scale);
        }
        for (var i = 0; i < Probes.Length; i++) now[Probes[i]] = new Vector3(probesNow[i], now[Probes[i]].Z);
    }
}
