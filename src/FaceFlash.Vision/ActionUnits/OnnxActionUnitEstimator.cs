using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Models.Manifest;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.ActionUnits;

/// <summary>
/// A lab's own AU model, named in the manifest with kind <c>action-units</c>: input an NHWC RGB crop of the face's
/// landmark region (eyes level, 1.5× the face) resampled to the model's input size and normalised as the manifest
/// says; output [1, K] intensities on the 0–5 scale, named by the entry's labels (AU01 … AU45, AU12L …). Only the AUs
/// the model names are measured (<see cref="Measures"/>). It is stateless: each frame is estimated on its own.
/// </summary>
public sealed class OnnxActionUnitEstimator : IActionUnitEstimator
{
    private readonly ModelRunner _runner;
    private readonly AffineCrop _crop;
    private readonly int[] _targets;

    public OnnxActionUnitEstimator(ModelRepository models, string name, OnnxSessionSettings settings)
    {
        _runner = new ModelRunner(models, name, settings);
        var entry = _runner.Entry;
        if (entry.Kind != ModelKind.ActionUnits) throw new ModelLoadException($"model '{name}' is a {entry.Kind} model, not an action-units model");
        if (entry.Inputs.Count != 1 || entry.Inputs[0].Shape.Count != 4 || entry.Inputs[0].Shape[3] != 3)
            throw new ModelLoadException($"AU model '{name}' must take one NHWC RGB image input");
        var labels = entry.Labels ?? throw new ModelLoadException($"AU model '{name}' lists no labels (AU names of its outputs)");
        _targets = labels.Select(l => Enum.TryParse<ActionUnit>(l, out var au) ? (int)au
            : throw new ModelLoadException($"AU model '{name}': label '{l}' is not an action unit FaceFlash knows")).ToArray();
        _crop = new AffineCrop((int)entry.Inputs[0].Shape[1]);
        Measures = ActionUnitSet.Of(_targets.Select(t => (ActionUnit)t));
    }

    public string Name => _runner.Entry.Name;
    public ActionUnitSet Measures { get; }

    public void BeginFrame(Mat frame, long frameIndex, double timestampMs) { }

    public EstimateKind Estimate(Mat frame, FaceObservation face, Span<float> intensities)
    {
        TensorFill.FromBgr(_crop.Sample(frame, face.Region.CropToImage(_crop.Size)), _runner.Input(), _runner.Entry.Normalisation);
        _runner.Run();
        var output = _runner.Output(_runner.Entry.Outputs[0].Name);
        intensities.Clear();
        for (var i = 0; i < _targets.Length; i++) intensities[_targets[i]] = Math.Clamp(output[i], 0, ActionUnitInfo.MaxIntensity);
        return EstimateKind.Measured;
    }

    public void Forget(int faceId) { }

    public void Rebase(int faceId) { }

    public void Dispose()
    {
        _runner.Dispose();
        _crop.Dispose();
    }
}
