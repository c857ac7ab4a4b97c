using FaceFlash.Core.Geometry;
using FaceFlash.Models;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>The expression classifier on a tight, eye-aligned face crop; probabilities in the model's label order. Owns the model.</summary>
public sealed class EmotionClassifier(EmotionModel model) : IDisposable
{
    /// <summary>The classifier was trained on tight face crops (FER2013), tighter than the 1.5× landmark region.</summary>
    private const float TightenLandmarkRegion = 1.0f / FaceRegion.DefaultScale * 1.1f;

    private readonly AffineCrop _crop = new(model.InputSize);

    public IReadOnlyList<string> Labels => model.Labels;

    /// <summary>Writes the probabilities into <paramref name="probabilities"/> (no allocation: it runs several times a second per face).</summary>
    public void Classify(Mat frame, FaceRegion landmarkRegion, Span<float> probabilities)
    {
        var region = landmarkRegion with { Size = landmarkRegion.Size * TightenLandmarkRegion };
        TensorFill.FromBgr(_crop.Sample(frame, region.CropToImage(_crop.Size)), model.Input, model.Entry.Normalisation);
        model.Run().CopyTo(probabilities);
    }

    /// <summary>Runs the model once on blank input (see <see cref="FaceAnalyzer.WarmUp"/>).</summary>
    public void WarmUp() => model.Run();

    public void Dispose()
    {
        _crop.Dispose();
        model.Dispose();
    }
}
