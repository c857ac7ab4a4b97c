using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>How a synthetic clip moves a face: <see cref="FaceWarper"/> (blobs on the estimator's own points) or <see cref="MuscleWarper"/> (independent of it).</summary>
public interface IFaceWarper : IDisposable
{
    /// <summary>
    /// Writes into <paramref name="output"/> the <paramref name="source"/> image as the script has it at
    /// <paramref name="ms"/>; <paramref name="pixelScale"/> converts script amplitudes (pixels of the final frame) to
    /// pixels of this image. Returns false (and leaves output untouched) when it changes nothing.
    /// </summary>
    bool Warp(Mat source, FaceWarper.Anchors anchors, double ms, float pixelScale, Mat output);
}

/// <summary>Which generator <c>faceflash synth</c> uses.</summary>
public enum SynthGenerator
{
    /// <summary>Gaussian blobs on the points the estimator's templates use (<see cref="FaceWarper"/>): not independent of it.</summary>
    Blobs,

    /// <summary>Muscles pulling the face mesh, a piecewise-affine warp, varied per event, lighting drift (<see cref="MuscleWarper"/>).</summary>
    Muscles,
}
