using FaceFlash.Core.Faces;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Vision.Faces;

public sealed record FaceAnalyzerOptions
{
    public TrackingPolicy Tracking { get; init; } = new();

    /// <summary>blazeface-front-128 for faces that fill much of the frame; blazeface-back-256 for small, distant faces.</summary>
    public string DetectorModel { get; init; } = "blazeface-front-128";

    public float DetectionThreshold { get; init; } = 0.5f;

    /// <summary>facemesh (the original FaceMesh) or facemesh-v2 (MediaPipe Face Landmarker's Face Mesh V2).</summary>
    public string LandmarkModel { get; init; } = FaceFlash.Models.FaceMeshVariant.Original.ModelName;

    /// <summary>Iris centres cost two more model runs per face (about 7 ms on one core), so they are opt-in.</summary>
    public bool Iris { get; init; }

    /// <summary>The camera head pose is solved for (defaults: uncalibrated, as OpenFace).</summary>
    public CameraIntrinsics Camera { get; init; } = new();
}
