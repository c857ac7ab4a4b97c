namespace FaceFlash.Core.Tracking;

/// <summary>When the slower models (detector, FaceMesh) run and when a track counts as lost.</summary>
public sealed record TrackingPolicy
{
    /// <summary>A track whose FaceMesh presence falls below this is lost and the detector runs.</summary>
    public float PresenceThreshold { get; init; } = 0.5f;

    /// <summary>While faces are tracked, the detector still runs this often to find new faces.</summary>
    public double RedetectIntervalMs { get; init; } = 1000;

    /// <summary>While no face is tracked, the detector runs on every frame; set above 0 to thin that out.</summary>
    public double SearchIntervalMs { get; init; }

    public int MaxFaces { get; init; } = 4;

    /// <summary>
    /// Between FaceMesh runs a face's landmarks are carried by optical flow (see <c>LandmarkCarrier</c>); FaceMesh
    /// runs again at least this often. 0 runs FaceMesh on every frame.
    /// </summary>
    public double LandmarkRefreshMs { get; init; } = 200;

    /// <summary>
    /// FaceMesh also runs as soon as any probe point departs from the head's rigid motion by more than this fraction
    /// of the eye-corner distance: the face is changing shape (speech, blink, expression) or turning.
    /// </summary>
    public float MaxLandmarkDeparture { get; init; } = 0.015f;

    /// <summary>A detection overlapping a track this much (IoU) is that track's face, not a new one.</summary>
    public float SameFaceIou { get; init; } = 0.3f;

    /// <summary>
    /// A face found again within this time of being lost, where it was lost (IoU of at least <see cref="SameFaceIou"/>
    /// with its last box), keeps its id: a face hidden for a moment (a hand, a blurred frame) or lost by FaceMesh in a
    /// fast turn is the same face when the detector finds it again, and a new id would split it in the files. Faces are
    /// not recognised, so the window is short: a face gone longer may be someone else.
    /// </summary>
    public double ReacquireWithinMs { get; init; } = 1000;
}
