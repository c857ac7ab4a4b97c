using FaceFlash.Core.Faces;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// When a face's AU reference — the frame its movements are measured from — is taken again. The AU templates are
/// 2-D, so a head turned, nodded or rolled far from the reference pose, or a face much nearer or further, distorts
/// them; a flow that has lost many points no longer measures the face; and light drifts over a long time, so an old
/// reference is renewed, though only while the face is at rest (a retake in the middle of an expression would make
/// the expression its neutral).
/// </summary>
public static class ReferenceRetake
{
    /// <summary>Out-of-plane rotation or roll from the reference pose, radians, that distorts the templates too much.</summary>
    public const float MaxRotation = HeadRotationLimits.ReferenceRetake;

    /// <summary>Change of apparent face size from the reference beyond which it is retaken.</summary>
    public const float MaxScaleChange = 0.15f;

    /// <summary>A reference older than this is retaken at the next moment of rest.</summary>
    public const double LifetimeMs = 30_000;

    /// <summary>Raw expression signal under which the face counts as at rest.</summary>
    public const float CalmBelow = 0.6f;

    /// <summary>Share of the flow's points lost in one frame beyond which the face is measured again from this frame.</summary>
    public const double MaxLostShare = 0.4;

    public static bool TurnedAway(HeadPose reference, HeadPose now) =>
        Math.Abs(now.Rx - reference.Rx) > MaxRotation
        || Math.Abs(now.Ry - reference.Ry) > MaxRotation
        || Math.Abs(now.Rz - reference.Rz) > MaxRotation;

    /// <param name="sizeRatio">the face's size at the reference over its size now (1: unchanged)</param>
    public static bool Resized(float sizeRatio) => Math.Abs(sizeRatio - 1) > MaxScaleChange;

    public static bool Aged(double referenceAgeMs, bool calm) => calm && referenceAgeMs > LifetimeMs;

    public static bool LostTooMany(int lost, int points) => lost > MaxLostShare * points;

    /// <summary>
    /// Whether a frame's raw AU intensities leave the face at rest, where an old reference may be renewed: the lids
    /// too (AU45), which the expression signal leaves out. A reference renewed mid-blink took the eyes closed as their
    /// rest: the next blinks closed no further than it and none was found, until it was renewed again half a minute
    /// later — on cap12 played twelve times over, both blinks of 4 of the 12 plays were lost so.
    /// </summary>
    public static bool Calm(ReadOnlySpan<float> intensities) =>
        ExpressionSignal.Of(intensities, ActionUnitSet.All) < CalmBelow && intensities[(int)ActionUnit.AU45] < CalmBelow;
}
