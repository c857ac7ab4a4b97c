using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Follows the analysed frames' times for the summary: where frames are missing (see <see cref="FrameGaps"/>).</summary>
public sealed class FrameGapSink(double longerThanMs) : IFrameSink
{
    public FrameGaps Gaps { get; } = new(longerThanMs);

    /// <summary>The longest gap in milliseconds, as a summary gives it; null where there is none.</summary>
    public double? LongestMs => Gaps.Longest is { } longest ? Math.Round(longest.LengthMs, 3) : null;

    /// <summary>The time of the frame before the longest gap in seconds, as the frames file gives it; null where there is none.</summary>
    public double? LongestFromS => Gaps.Longest is { } longest ? Math.Round(longest.FromMs / 1000, 6) : null;

    public void Write(FrameAnalysis frame) => Gaps.Add(frame.TimestampMs);

    public void Commit(StreamEnd end) { }
}
