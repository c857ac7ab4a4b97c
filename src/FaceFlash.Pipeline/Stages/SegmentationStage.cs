using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Runs one segmenter per tracked face over the frames in order and puts the expressions and blinks it flags on the
/// frame that flagged them, for the sinks and the live overlay to read. A face's segmenter is released when its
/// track ends (lost, or no longer in the frame), its counts folded into <see cref="NotReported"/> first, so a long
/// live session does not grow with every face that came and went.
/// </summary>
public sealed class SegmentationStage(SegmenterOptions options, IReadOnlyList<string> classifierLabels) : IFrameStage
{
    private readonly Dictionary<int, ExpressionSegmenter> _segmenters = [];
    private readonly HashSet<int> _present = [];
    private readonly List<int> _ended = [];
    private readonly EmotionLabeler _labeler = new();
    private readonly SegmenterCounts _released = new();

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
        _present.Clear();
        foreach (var face in frame.Faces)
        {
            if (!face.Success) continue; // a lost face's track has ended
            _present.Add(face.FaceId);
            if (!_segmenters.TryGetValue(face.FaceId, out var segmenter))
                _segmenters[face.FaceId] = segmenter = new ExpressionSegmenter(face.FaceId, options, _labeler, classifierLabels);
            if (face.AuStatus != ActionUnitStatus.Measured)
            {
                segmenter.Interrupt();
                continue;
            }
            var sample = new FaceSample(frame.TimestampMs, frame.Index, face.ActionUnits, face.AuValid, face.ExpressionSignal,
                face.Pose.Rx, face.Pose.Ry, face.EmotionClassified ? face.EmotionProbabilities : []);
            segmenter.Add(sample, frame.Events, frame.Blinks);
        }
        ReleaseEndedTracks();
    }

    private void ReleaseEndedTracks()
    {
        _ended.Clear();
        foreach (var id in _segmenters.Keys)
            if (!_present.Contains(id)) _ended.Add(id);
        foreach (var id in _ended)
            if (_segmenters.Remove(id, out var segmenter)) _released.Add(segmenter.Counts);
    }

    public void Dispose() { }
}
