namespace FaceFlash.Vision.ActionUnits;

/// <summary>What the motion estimator's optical flow compares between the reference and the current face.</summary>
public enum FlowInput
{
    /// <summary>The grey levels as they are: a change of light reads as movement; about 10 % faster.</summary>
    Brightness,

    /// <summary>
    /// Each patch less its blur (<see cref="Imaging.DetailFilter"/>): light changing over seconds (auto-exposure,
    /// daylight) is not read as movement. The default.
    /// </summary>
    Detail,
}
