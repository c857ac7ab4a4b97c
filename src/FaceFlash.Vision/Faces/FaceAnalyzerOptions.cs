using FaceFlash.Core.Faces;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Vision.Faces;

public sealed record FaceAnalyzerOptions
{
    public TrackingPolicy Tracking { get; init; } = new();

    /// <summary>
    /// Which BlazeFace model finds faces: <see cref="AutoDetector"/> (the default), or one model by name —
    /// blazeface-front-128 for faces that fill much of the frame, blazeface-back-256 for small, distant faces.
    /// </summary>
    public string Detector { get; init; } = AutoDetector;

    /// <summary>
    /// The front model first and, only when it finds no face, the back model: a webcam face is found as fast as by the
    /// front model alone, and a group of small faces (the shared event video's, 25–60 px wide in a 640 × 480 frame,
    /// which the front model never finds) is found at all.
    /// </summary>
    public const string AutoDetector = "auto";

    public const string FrontDetector = "blazeface-front-128";
    public const string BackDetector = "blazeface-back-256";

    /// <summary>Every value <see cref="Detector"/> takes.</summary>
    public static readonly string[] Detectors = [AutoDetector, FrontDetector, BackDetector];

    /// <summary>The model that looks for faces first.</summary>
    public string DetectorModel => Detector == AutoDetector ? FrontDetector : Detector;

    /// <summary>The model that looks when <see cref="DetectorModel"/> finds no face, if any.</summary>
    public string? FallbackDetectorModel => Detector == AutoDetector ? BackDetector : null;

    public float DetectionThreshold { get; init; } = 0.5f;

    /// <summary>facemesh (the original FaceMesh) or facemesh-v2 (MediaPipe Face Landmarker's Face Mesh V2).</summary>
    public string LandmarkModel { get; init; } = FaceFlash.Models.FaceMeshVariant.Original.ModelName;

    /// <summary>Iris centres cost two more model runs per face (about 7 ms on one core), so they are opt-in.</summary>
    public bool Iris { get; init; }

    /// <summary>The camera head pose is solved for (defaults: uncalibrated, as OpenFace).</summary>
    public CameraIntrinsics Camera { get; init; } = new();
}
