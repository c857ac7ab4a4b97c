using System.Numerics;
using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Segmentation;

/// <summary>One face's measurement in one frame, as the segmenter reads it (views, no copies).</summary>
/// <param name="TimestampMs">the frame's originating time</param>
/// <param name="Frame">0-based frame index</param>
/// <param name="Intensities">baseline-corrected AU intensities</param>
/// <param name="Valid">which intensities are measured</param>
/// <param name="Pitch">head pitch, radians</param>
/// <param name="Yaw">head yaw, radians</param>
/// <param name="Classifier">emotion-classifier probabilities for this frame, empty when it did not run</param>
/// <param name="EyesPx">where the face is: the midpoint of its outer eye corners, image pixels</param>
/// <param name="EyeDistancePx">the distance between its outer eye corners, pixels (the face's scale)</param>
public readonly ref struct FaceSample(double TimestampMs, long Frame, ReadOnlySpan<float> Intensities, ActionUnitSet Valid,
    float Pitch, float Yaw, Vector2 EyesPx, float EyeDistancePx, ReadOnlySpan<float> Classifier)
{
    public double TimestampMs { get; } = TimestampMs;
    public long Frame { get; } = Frame;
    public ReadOnlySpan<float> Intensities { get; } = Intensities;
    public ActionUnitSet Valid { get; } = Valid;
    public float Pitch { get; } = Pitch;
    public float Yaw { get; } = Yaw;
    public ReadOnlySpan<float> Classifier { get; } = Classifier;
    public Vector2 EyesPx { get; } = EyesPx;
    public float EyeDistancePx { get; } = EyeDistancePx;

    /// <summary>The inner lips' gap over the eye distance, from the landmarks (NaN when not known): how open the mouth is.</summary>
    public float LipGap { get; init; } = float.NaN;

    /// <summary>How clearly the tracker saw the face, 0–1 (the frames CSV's <c>confidence</c>); 1 where no tracker ran (tests).</summary>
    public float TrackingConfidence { get; init; } = 1;
}
