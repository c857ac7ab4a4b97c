using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// Writes the expressions and blinks the segmentation stage put on each frame to the events and blinks CSVs as they
/// come, and keeps them for the end-of-run formats (MEGC, ELAN) and the summary.
/// </summary>
public sealed class EventsSink(EventsCsvWriter writer) : IFrameSink, IDisposable
{
    public List<ExpressionEvent> Events { get; } = [];
    public List<BlinkEvent> Blinks { get; } = [];

    public void Write(FrameAnalysis frame)
    {
        Write(frame.Events, frame.Blinks);
    }

    public void Commit(StreamEnd end)
    {
        Write(end.Events, end.Blinks);
        writer.Commit();
    }

    private void Write(List<ExpressionEvent> events, List<BlinkEvent> blinks)
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
    }

    public void Dispose() => writer.Dispose();
}
