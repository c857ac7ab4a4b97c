using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Vision.ActionUnits;

/// <summary>What an AU estimate for one face in one frame is worth.</summary>
public enum EstimateKind
{
    /// <summary>Intensities measured and comparable with the face's previous frames.</summary>
    Measured,

    /// <summary>The estimator started a new reference for this face: intensities are not comparable with earlier ones.</summary>
    Restarted,
}

/// <summary>
/// One place where action-unit intensities come from: the built-in motion estimator, or an ONNX model named in the
/// manifest. Raw intensities on the 0–5 scale; the per-person neutral baseline is removed afterwards by the caller.
/// </summary>
public interface IActionUnitEstimator : IDisposable
{
    string Name { get; }

    /// <summary>The AUs this estimator measures; the others are never valid.</summary>
    Core.ActionUnits.ActionUnitSet Measures { get; }

    /// <summary>Called once per frame, before the faces in it.</summary>
    void BeginFrame(Mat frame, long frameIndex, double timestampMs);

    /// <summary>Writes raw intensities in <see cref="Core.ActionUnits.ActionUnit"/> order (0 for AUs outside <see cref="Measures"/>).</summary>
    EstimateKind Estimate(Mat frame, FaceObservation face, Span<float> intensities);

    /// <summary>The face is gone; drop what is kept for it.</summary>
    void Forget(int faceId);

    /// <summary>Take the face's current look as its new neutral reference.</summary>
    void Rebase(int faceId);
}
