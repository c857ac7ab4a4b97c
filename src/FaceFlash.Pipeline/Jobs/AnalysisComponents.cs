using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>The stages every analysis runs (faces, then action units), built from the settings; batch and live share them.</summary>
public sealed class AnalysisComponents : IDisposable
{
    public AnalysisComponents(ModelRepository models, AnalysisSettings settings)
    {
        Faces = new FaceStage(new FaceAnalyzer(models, settings.Onnx, settings.Faces), Observations);
        IActionUnitEstimator estimator = settings.ActionUnitModel is { } name
            ? new OnnxActionUnitEstimator(models, name, settings.Onnx)
            : new MotionActionUnitEstimator();
        EmotionClassifier? classifier = null;
        if (settings.EmotionClassifier)
        {
            var model = new EmotionModel(models, settings.Onnx);
            ClassifierLabels = model.Labels;
            classifier = new EmotionClassifier(model);
        }
        ActionUnits = new ActionUnitStage(estimator, classifier, settings.Segmenter);
    }

    public Pool<FaceObservation> Observations { get; } = new(() => new FaceObservation());
    public FaceStage Faces { get; }
    public ActionUnitStage ActionUnits { get; }
    public IReadOnlyList<string> ClassifierLabels { get; } = [];
    public IReadOnlyList<IFrameStage> Stages => [Faces, ActionUnits];

    public void Dispose()
    {
        Faces.Dispose();
        ActionUnits.Dispose();
    }
}
