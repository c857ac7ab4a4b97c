using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Runs one segmenter per tracked face over the frames in order and puts the expressions and blinks it flags on the
/// frame that flagged them, for the sinks and the live overlay to read, the movements it judged and did not report on
/// the frame that judged them, and on every frame the faces whose levels are still forming (live, a face's first
/// second). A face's segmenter is released when its track ends (lost, or no longer in the frame), so a long live
/// session does not grow with every face that came and went. An expression still in progress when a track ends or the
/// stream ends is reported then, marked truncated.
/// </summary>
public sealed class SegmentationStage : IFrameStage
{
    private readonly PerFaceState<ExpressionSegmenter> _segmenters;
    private readonly EmotionLabeler _labeler = new();

    /// <summary>Where what faces whose tracks end still had in progress is reported: the frame being processed.</summary>
    private FrameAnalysis? _frame;

    public SegmentationStage(SegmenterOptions options, IReadOnlyList<string> classifierLabels) =>
        _segmenters = new PerFaceState<ExpressionSegmenter>(
            id => new ExpressionSegmenter(id, options, _labeler, classifierLabels),
            (_, segmenter) => Close(segmenter, _frame!));

    public string Name => "segmentation";

    /// <summary>Faces whose segmenters are held now (tracks in progress).</summary>
    public int ActiveFaces => _segmenters.Count;

    /// <summary>
    /// The faces' time in which no movement could be reported (<see cref="ExpressionSegmenter.UnmeasuredMs"/>), summed
    /// over the tracks that have ended; all of them once the stream is complete.
    /// </summary>
    public double UnmeasuredMs { get; private set; }

    /// <summary><see cref="UnmeasuredMs"/> in seconds, as a summary gives it.</summary>
    public double UnmeasuredS => Math.Round(UnmeasuredMs / 1000, 3);

    /// <summary>The stretches <see cref="UnmeasuredMs"/> adds up, track by track as they ended.</summary>
    public List<UnmeasuredStretch> Unmeasured { get; } = [];

    public void Process(FramePacket packet)
    {
        var frame = packet.Analysis;
        _segmenters.BeginFrame();
        foreach (var face in frame.Faces)
        {
            if (!face.Success) continue; // a lost face's track has ended
            var segmenter = _segmenters.For(face.FaceId);
            if (face.AuStatus != ActionUnitStatus.Measured)
            {
                segmenter.Interrupt(frame);
                continue;
            }
            var (right, left) = (face.Point(FaceMeshTopology.RightEyeOuter), face.Point(FaceMeshTopology.LeftEyeOuter));
            var eyeDistance = Vector2.Distance(right, left);
            var sample = new FaceSample(frame.TimestampMs, frame.Index, face.ActionUnits, face.AuValid, face.Pose.Rx, face.Pose.Ry,
                (right + left) / 2, eyeDistance, face.EmotionClassified ? face.EmotionProbabilities : [])
            {
                LipGap = Vector2.Distance(face.Point(FaceMeshTopology.UpperLipInner), face.Point(FaceMeshTopology.LowerLipInner)) / eyeDistance,
                TrackingConfidence = face.Confidence,
            };
            segmenter.Add(sample, frame);
            if (segmenter.FormingLevels) frame.FormingLevels.Add(face.FaceId);
        }
        _frame = frame;
        _segmenters.EndFrame();
        _frame = null;
    }

    public void Complete(StreamEnd end)
    {
        foreach (var segmenter in _segmenters.Values) Close(segmenter, end);
    }

    private void Close(ExpressionSegmenter segmenter, ISegmenterOutput output)
    {
        segmenter.Finish(output);
        UnmeasuredMs += segmenter.UnmeasuredMs;
        Unmeasured.AddRange(segmenter.Unmeasured);
    }

    public void Dispose() { }
}
