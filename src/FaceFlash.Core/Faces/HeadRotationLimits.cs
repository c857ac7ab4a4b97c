namespace FaceFlash.Core.Faces;

/// <summary>
/// How much out-of-plane head rotation (pitch, yaw or roll, radians) FaceFlash tolerates, in one place: the AUs are
/// measured from 2-D movement against the face's reference, so a turned head distorts them. An event during which the
/// head turned more than <see cref="EventRange"/> (≈ 11°), or nodded more than <see cref="EventPitchRange"/> (≈ 7°), is
/// taken for head motion; the reference itself is retaken only beyond <see cref="ReferenceRetake"/> (≈ 14°), a little
/// more, so that an event at the edge of the allowed range is still measured against the reference it started from.
/// </summary>
public static class HeadRotationLimits
{
    public const float EventRange = 0.2f;

    /// <summary>
    /// Pitch is held tighter than yaw: a nod foreshortens the face vertically, the direction most AUs move in (brows,
    /// lids, lips, jaw), and the 2-D similarity fit cannot remove it; a turn foreshortens it across. (Tuning sets:
    /// three macro false flags came with 0.13–0.16 rad of pitch, cap12's man leaning and nodding; no expression found
    /// had more than 0.10.)
    /// </summary>
    public const float EventPitchRange = 0.12f;

    public const float ReferenceRetake = 0.25f;
}
