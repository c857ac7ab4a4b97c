namespace FaceFlash.Core.ActionUnits;

/// <summary>What a face's AU values in one frame are worth; travels with the face instead of any in-band marker.</summary>
public enum ActionUnitStatus
{
    /// <summary>No AU estimate this frame (the face was not tracked, or AUs were not estimated).</summary>
    Unavailable,

    /// <summary>
    /// The face's neutral reference was (re)taken on this frame: the values are zero by definition and not comparable
    /// with earlier frames, so anything timed across this frame starts over.
    /// </summary>
    ReferenceRestarted,

    /// <summary>Measured and comparable with the face's previous frames, for the AUs in the face's validity mask.</summary>
    Measured,
}
