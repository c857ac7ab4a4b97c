using FaceFlash.Core.ActionUnits;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Action units for every tracked face, relative to that person's neutral baseline, with an explicit status and
/// validity mask; and the emotion classifier's view of it while it moves enough to be a candidate expression (for
/// labelling the apex) and a few times a second while it rests (what the apex is compared with).
/// </summary>
/// <param name="classifierFrom">expression signal from which the classifier runs (half the segmenter's onset threshold)</param>
public sealed class ActionUnitStage(IActionUnitEstimator estimator, EmotionClassifier? classifier, float classifierFrom) : IFrameStage
{
    private readonly PerFaceState<NeutralBaseline> _baselines = new(_ => new NeutralBaseline(), (id, _) => estimator.Forget(id));
    private readonly PerFaceState<ClassifierSchedule> _classifierSchedules = new(_ => new ClassifierSchedule(), (_, _) => { });
    private readonly float[] _raw = new float[ActionUnitInfo.Count];
    private volatile bool _rebaseRequested;

    public string Name => "action-units";
    public IActionUnitEstimator Estimator => estimator;

    public void WarmUp() => classifier?.WarmUp();

    /// <summary>Asks for every face's neutral reference to be retaken on the next frame (the live 'b' key).</summary>
    public void RequestRebase() => _rebaseRequested = true;

    public void Process(FramePacket packet)
    {
        var image = packet.Image;
        var envelope = packet.Envelope;
        estimator.BeginFrame(image, envelope.Index, envelope.OriginatingTimeMs);
        var rebase = _rebaseRequested;
        _rebaseRequested = false;
        _baselines.BeginFrame();
        _classifierSchedules.BeginFrame();
        foreach (var face in packet.Analysis.Faces)
        {
            if (!face.Success) continue;
            var baseline = _baselines.For(face.FaceId);
            if (rebase)
            {
                estimator.Rebase(face.FaceId);
                baseline.Reset();
            }
            if (estimator.Estimate(image, face, _raw) == EstimateKind.Restarted)
            {
                // A new reference: this frame is its zero, and not comparable with earlier frames (the status says so).
                baseline.Reset();
                face.AuStatus = ActionUnitStatus.ReferenceRestarted;
                Array.Clear(face.ActionUnits);
                face.AuValid = estimator.Measures;
                continue;
            }
            baseline.Correct(envelope.OriginatingTimeMs, _raw, face.ActionUnits);
            face.AuStatus = ActionUnitStatus.Measured;
            face.AuValid = estimator.Measures;
            if (classifier is not null && _classifierSchedules.For(face.FaceId)
                    .Due(envelope.OriginatingTimeMs, moving: ExpressionSignal.Of(face.ActionUnits, face.AuValid) >= classifierFrom))
            {
                classifier.Classify(image, face.Region, face.EmotionProbabilities);
                face.EmotionClassified = true;
            }
        }
        _baselines.EndFrame();
        _classifierSchedules.EndFrame();
    }

    public void Dispose()
    {
        estimator.Dispose();
        classifier?.Dispose();
    }
}
