using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Runs one segmenter per tracked face over the frames in order and puts the expressions and blinks it flags on the
/// frame that flagged them, for the sinks and the live overlay to read, and the movements it judged and did not report
/// on the frame that judged them. A face's segmenter is released when its
/// track ends (lost, or no longer in the frame), its counts folded into <see cref="NotReported"/> first, so a long
/// live session does not grow with every face that came and went. An expression still in progress when a track
/// ends or the stream ends is reported then, marked truncated.
/// </summary>
public sealed class SegmentationStage : IFrameStage
{
    private readonly PerFaceState<ExpressionSegmenter> _segmenters;
    private readonly EmotionLabeler _labeler = new();
    private readonly SegmenterCounts _released = new();

    /// <summary>Where what faces whose tracks end still had in progress is reported: the frame being processed.</summary>
    private FrameAnalysis? _frame;

    public SegmentationStage(SegmenterOptions options, IReadOnlyList<string> classifierLabels) =>
        _segmenters = new PerFaceState<ExpressionSegmenter>(
            id => new ExpressionSegmenter(id, options, _labeler, classifierLabels),
            (_, segmenter) =>
            {
                segmenter.Finish(_frame!.Events, _frame.Blinks);
                MoveUnreported(segmenter, _frame.Unreported);
                _released.Add(segmenter.Counts);
            });

    public string Name => "segmentation";

    /// <summary>Faces whose segmenters are held now (tracks in progress).</summary>
    public int ActiveFaces => _segmenters.Count;

    /// <summary>Candidate movements not reported, and why, over every face so far.</summary>
    public SegmenterCounts NotReported
    {
        get
        {
            var total = new SegmenterCounts();
            total.Add(_released);
            foreach (var s in _segmenters.Values) total.Add(s.Counts);
            return total;
        }
    }

    public void Process(FramePacket packet)
    {
        var frame = packet.Analysis;
        _segmenters.BeginFrame();
        foreach (var face in frame.Faces)
        {
            if (!face.Success) continue; // a lost face's track has ended
            var segmenter = _segmenters.For(face.FaceId);
            if (face.AuStatus != ActionUnitStatus.Measured)
                segmenter.Interrupt(frame.Events, frame.Blinks);
            else
                segmenter.Add(new FaceSample(frame.TimestampMs, frame.Index, face.ActionUnits, face.AuValid,
                    face.Pose.Rx, face.Pose.Ry, face.EmotionClassified ? face.EmotionProbabilities : []), frame.Events, frame.Blinks);
            MoveUnreported(segmenter, frame.Unreported);
        }
        _frame = frame;
        _segmenters.EndFrame();
        _frame = null;
    }

    public void Complete(StreamEnd end)
    {
        foreach (var segmenter in _segmenters.Values)
        {
            segmenter.Finish(end.Events, end.Blinks);
            MoveUnreported(segmenter, end.Unreported);
        }
    }

    private static void MoveUnreported(ExpressionSegmenter segmenter, List<UnreportedMovement> to)
    {
        to.AddRange(segmenter.Unreported);
        segmenter.Unreported.Clear();
    }

    public void Dispose() { }
}
