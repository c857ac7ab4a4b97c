using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Action units for every tracked face, relative to that person's neutral baseline; and, while a face is moving
/// enough to be a candidate expression, the emotion classifier's view of it (for labelling the apex).
/// </summary>
public sealed class ActionUnitStage(IActionUnitEstimator estimator, EmotionClassifier? classifier, SegmenterOptions segmenter) : IFrameStage
{
    private readonly Dictionary<int, NeutralBaseline> _baselines = [];
    private readonly HashSet<int> _seen = [];
    private readonly List<int> _gone = [];
    private readonly float[] _raw = new float[ActionUnitInfo.Count];
    private volatile bool _rebaseRequested;

    public string Name => "action-units";
    public IActionUnitEstimator Estimator => estimator;

    public void WarmUp() => classifier?.WarmUp();

    /// <summary>Asks for every face's neutral reference to be retaken on the next frame (the live 'b' key).</summary>
    public void RequestRebase() => _rebaseRequested = true;

    public void Process(FramePacket packet)
    {
        var image = packet.Frame.Image;
        estimator.BeginFrame(image, packet.Frame.Index, packet.Frame.TimestampMs);
        var rebase = _rebaseRequested;
        _rebaseRequested = false;
        _seen.Clear();
        foreach (var face in packet.Analysis.Faces)
        {
            if (!face.Success) continue;
            _seen.Add(face.FaceId);
            if (!_baselines.TryGetValue(face.FaceId, out var baseline)) _baselines[face.FaceId] = baseline = new NeutralBaseline();
            if (rebase)
            {
                estimator.Rebase(face.FaceId);
                baseline.Reset();
            }
            if (estimator.Estimate(image, face, _raw) == EstimateKind.Restarted)
            {
                // A new reference: this frame has no comparable measurement (NaN tells the segmenter to start over).
                baseline.Reset();
                Array.Fill(face.ActionUnits, float.NaN);
                continue;
            }
            baseline.Correct(packet.Frame.TimestampMs, _raw, face.ActionUnits);
            if (classifier is not null && ExpressionSegmenter.ExpressionSignal(face.ActionUnits) >= segmenter.OnsetThreshold / 2)
                classifier.Classify(image, face.Region).CopyTo(face.EmotionProbabilities, 0);
        }
        ForgetFacesNoLongerTracked();
    }

    private void ForgetFacesNoLongerTracked()
    {
        _gone.Clear();
        foreach (var id in _baselines.Keys)
            if (!_seen.Contains(id)) _gone.Add(id);
        foreach (var id in _gone)
        {
            _baselines.Remove(id);
            estimator.Forget(id);
        }
    }

    public void Dispose()
    {
        estimator.Dispose();
        classifier?.Dispose();
    }
}
