namespace FaceFlash.Core.Tracking;

/// <summary>When the (slower) detector runs and when a track counts as lost.</summary>
public sealed record TrackingPolicy
{
    /// <summary>A track whose FaceMesh presence falls below this is lost and the detector runs.</summary>
    public float PresenceThreshold { get; init; } = 0.5f;

    /// <summary>While faces are tracked, the detector still runs this often to find new faces.</summary>
    public double RedetectIntervalMs { get; init; } = 1000;

    /// <summary>While no face is tracked, the detector runs on every frame; set above 0 to thin that out.</summary>
    public double SearchIntervalMs { get; init; }

    public int MaxFaces { get; init; } = 4;

    /// <summary>A detection overlapping a track this much (IoU) is that track's face, not a new one.</summary>
    public float SameFaceIou { get; init; } = 0.3f;
}
