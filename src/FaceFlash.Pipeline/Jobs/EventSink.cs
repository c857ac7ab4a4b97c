using FaceFlash.Core.Emotions;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// Runs one segmenter per face over the frames in order and writes events and blinks as they are flagged. Keeps
/// them for the end-of-run formats (MEGC, ELAN) and for live consumers.
/// </summary>
public sealed class EventSink(SegmenterOptions options, IReadOnlyList<string> classifierLabels, EventsCsvWriter? writer) : IFrameSink, IDisposable
{
    private readonly Dictionary<int, ExpressionSegmenter> _segmenters = [];
    private readonly EmotionLabeler _labeler = new();
    private readonly List<ExpressionEvent> _newEvents = [];
    private readonly List<BlinkEvent> _newBlinks = [];

    public List<ExpressionEvent> Events { get; } = [];
    public List<BlinkEvent> Blinks { get; } = [];
    public SegmenterCounts Suppressed { get; } = new();

    /// <summary>Raised (on the output task) for every expression as soon as it is flagged.</summary>
    public event Action<ExpressionEvent>? Flagged;

    /// <summary>Raised (on the output task) for every blink as soon as it ends.</summary>
    public event Action<BlinkEvent>? BlinkFlagged;

    public void Write(FrameAnalysis frame)
    {
        _newEvents.Clear();
        _newBlinks.Clear();
        foreach (var face in frame.Faces)
        {
            if (!_segmenters.TryGetValue(face.FaceId, out var segmenter))
                _segmenters[face.FaceId] = segmenter = new ExpressionSegmenter(face.FaceId, options, _labeler, classifierLabels);
            if (!face.Success || float.IsNaN(face.ActionUnits[0]))
            {
                segmenter.Interrupt();
                continue;
            }
            segmenter.Add(frame.TimestampMs, frame.Index, face.ActionUnits, face.Pose.Rx, face.Pose.Ry, face.EmotionProbabilities, _newEvents, _newBlinks);
        }
        foreach (var e in _newEvents)
        {
            Events.Add(e);
            writer?.Write(e);
            Flagged?.Invoke(e);
        }
        foreach (var b in _newBlinks)
        {
            Blinks.Add(b);
            writer?.Write(b);
            BlinkFlagged?.Invoke(b);
        }
    }

    public void Complete()
    {
        foreach (var s in _segmenters.Values)
        {
            Suppressed.TooShort += s.Counts.TooShort;
            Suppressed.EyelidOnly += s.Counts.EyelidOnly;
            Suppressed.HeadMotion += s.Counts.HeadMotion;
            Suppressed.NoEmotionMatch += s.Counts.NoEmotionMatch;
            Suppressed.LowConfidence += s.Counts.LowConfidence;
        }
        writer?.Commit();
    }

    public void Dispose() => writer?.Dispose();
}
