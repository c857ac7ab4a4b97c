using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;
using FaceFlash.Models;
using FaceFlash.Models.Manifest;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// The stages every analysis runs — faces, action units, segmentation — built from the settings; batch and live share
/// them.
/// </summary>
public sealed class AnalysisComponents : IDisposable
{
    public AnalysisComponents(ModelRepository models, AnalysisSettings settings)
    {
        Faces = new FaceStage(new FaceAnalyzer(models, settings.Onnx, settings.Faces), Observations);
        IActionUnitEstimator estimator = settings.ActionUnitModel switch
        {
            null => new MotionActionUnitEstimator(settings.FlowInput),
            var name when models.Manifest.Get(name).Kind == ModelKind.Blendshapes => new BlendshapeActionUnitEstimator(models, settings.Onnx),
            var name => new OnnxActionUnitEstimator(models, name, settings.Onnx),
        };
        EmotionClassifier? classifier = null;
        if (settings.EmotionClassifier)
        {
            var model = new EmotionModel(models, settings.Onnx);
            ClassifierLabels = model.Labels;
            classifier = new EmotionClassifier(model);
        }
        ActionUnits = new ActionUnitStage(estimator, classifier, classifierFrom: settings.Segmenter.OnsetThreshold / 2);
        Segmentation = new SegmentationStage(settings.Segmenter, ClassifierLabels);
    }

    /// <summary>
    /// Why the settings' AU model cannot be used (not in the manifest, or a model of another kind), in one line; null
    /// when it can, or none is asked for. Checked before any work: found per input, it failed every input of a batch.
    /// </summary>
    public static string? ActionUnitModelProblem(ModelRepository models, AnalysisSettings settings)
    {
        if (settings.ActionUnitModel is not { } name) return null;
        var usable = models.Manifest.Models.Where(m => m.Kind is ModelKind.ActionUnits or ModelKind.Blendshapes).Select(m => m.Name).ToList();
        var listed = usable.Count == 0 ? "none is listed" : $"those listed: {string.Join(", ", usable)}";
        return models.Manifest.Models.FirstOrDefault(m => m.Name == name) switch
        {
            null => $"--au-model {name}: no such model in {ModelManifest.FileName} ({listed})",
            { Kind: ModelKind.ActionUnits or ModelKind.Blendshapes } => null,
            var other => $"--au-model {name}: a {other.Kind} model, not one that measures action units ({listed})",
        };
    }

    /// <summary>The frames CSV's columns after the fixed ones: the AUs, and the blendshape scores when they are measured.</summary>
    public IReadOnlyList<IFrameColumns> FrameColumns =>
        ActionUnits.Estimator is BlendshapeActionUnitEstimator ? [new ActionUnitColumns(), new BlendshapeColumns()] : [new ActionUnitColumns()];

    public Pool<FaceObservation> Observations { get; } = new(() => new FaceObservation());
    public FaceStage Faces { get; }
    public ActionUnitStage ActionUnits { get; }
    public SegmentationStage Segmentation { get; }
    public IReadOnlyList<string> ClassifierLabels { get; } = [];
    public IReadOnlyList<IFrameStage> Stages => [Faces, ActionUnits, Segmentation];

    /// <summary>
    /// Prepares for a live session, which must not stall on its first frames: a throwaway set of stages runs a few
    /// frames of the bundled portrait (a face, so every code path is compiled), then this set runs each model once.
    /// </summary>
    public void WarmUp(ModelRepository models, AnalysisSettings settings)
    {
        var portrait = Path.Combine(AppContext.BaseDirectory, "media", "astronaut.png");
        if (File.Exists(portrait))
        {
            using var rehearsal = new AnalysisComponents(models, settings);
            using var packet = new Frames.FramePacket();
            using (var image = OpenCvSharp.Cv2.ImRead(portrait)) image.CopyTo(packet.Image);
            for (var i = 0; i < 5; i++)
            {
                packet.Analysis.Envelope = new Core.Frames.FrameEnvelope(i, i * 20.0, 0);
                foreach (var stage in rehearsal.Stages) stage.Process(packet);
                foreach (var face in packet.Analysis.Faces) rehearsal.Observations.Return(face);
                packet.Analysis.Faces.Clear();
            }
        }
        Faces.Analyzer.WarmUp();
        ActionUnits.WarmUp();
    }

    public void Dispose()
    {
        Faces.Dispose();
        ActionUnits.Dispose();
        Segmentation.Dispose();
    }
}
