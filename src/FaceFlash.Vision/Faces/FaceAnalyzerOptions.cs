using FaceFlash.Core.Tracking;

namespace FaceFlash.Vision.Faces;

public sealed record FaceAnalyzerOptions
{
    public TrackingPolicy Tracking { get; init; } = new();

    /// <summary>blazeface-front-128 for faces that fill much of the frame; blazeface-back-256 for small, distant faces.</summary>
    public string DetectorModel { get; init; } = "blazeface-front-128";

    public float DetectionThreshold { get; init; } = 0.5f;
    public bool Iris { get; init; } = true;
}
