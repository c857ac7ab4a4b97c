using FaceFlash.Core.Emotions;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// Writes the expressions and blinks the segmentation stage put on each frame to the events and blinks CSVs as they
/// come, and keeps them for the end-of-run formats (MEGC, ELAN) and the summary; and the movements it did not report
/// to the unreported CSV, keeping them for the ELAN document and counting them by reason for the summary.
/// </summary>
public sealed class EventsSink(EventsCsvWriter writer) : IFrameSink, IDisposable
{
    public List<ExpressionEvent> Events { get; } = [];
    public List<BlinkEvent> Blinks { get; } = [];

    /// <summary>The movements judged and not reported, for the ELAN document's tiers of them.</summary>
    public List<UnreportedMovement> Unreported { get; } = [];

    public NotReportedCounts NotReported { get; } = new();

    public int Micro => Events.Count(e => e.Kind == EventKind.Micro);
    public int Macro => Events.Count(e => e.Kind == EventKind.Macro);

    /// <summary>Events per emotion, by the emotion's name, in name order.</summary>
    public IReadOnlyDictionary<string, int> ByEmotion =>
        Events.GroupBy(e => EmotionNames.Name(e.Emotion)).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The movements not reported, per reason (every reason, 0 where none).</summary>
    public IReadOnlyDictionary<string, int> NotReportedByReason => NotReportedReasons.All.ToDictionary(r => r.Name(), r => NotReported[r]);

    public void Write(FrameAnalysis frame)
    {
        Write(frame.Events, frame.Blinks, frame.Unreported);
    }

    public void Commit(StreamEnd end)
    {
        Write(end.Events, end.Blinks, end.Unreported);
        writer.Commit();
    }

    private void Write(List<ExpressionEvent> events, List<BlinkEvent> blinks, List<UnreportedMovement> unreported)
    {
        foreach (var e in events)
        {
            Events.Add(e);
            writer.Write(e);
        }
        foreach (var b in blinks)
        {
            Blinks.Add(b);
            writer.Write(b);
        }
        foreach (var m in unreported)
        {
            NotReported.Add(m.Reason);
            Unreported.Add(m);
            writer.Write(m);
        }
    }

    public void Dispose() => writer.Dispose();
}
