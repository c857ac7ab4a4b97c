using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Follows the analysed frames' times for the summary: where frames are missing (see <see cref="FrameGaps"/>).</summary>
public sealed class FrameGapSink(double longerThanMs) : IFrameSink
{
    public FrameGaps Gaps { get; } = new(longerThanMs);

    public void Write(FrameAnalysis frame) => Gaps.Add(frame.TimestampMs);

    public void Commit(StreamEnd end) { }
}
