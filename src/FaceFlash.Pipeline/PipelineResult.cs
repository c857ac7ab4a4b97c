using FaceFlash.Pipeline.Stages;

namespace FaceFlash.Pipeline;

public sealed record PipelineResult(
    long FramesRead,
    long FramesWritten,
    long FramesDropped,
    double FirstTimestampMs,
    double LastTimestampMs,
    double WallMs,
    bool Cancelled,
    IReadOnlyList<StageClock> Stages)
{
    /// <summary>Frame rate measured from the timestamps themselves (frames per second of video time).</summary>
    public double MeasuredFps => FramesRead > 1 && LastTimestampMs > FirstTimestampMs
        ? (FramesRead - 1) * 1000.0 / (LastTimestampMs - FirstTimestampMs)
        : double.NaN;

    /// <summary>As summaries give them: the measured rate to a thousandth (null when unmeasured), and the seconds from the first frame to the last (0 without frames).</summary>
    public double? MeasuredFpsRounded => double.IsNaN(MeasuredFps) ? null : Math.Round(MeasuredFps, 3);

    public double DurationS => double.IsNaN(LastTimestampMs) ? 0 : Math.Round((LastTimestampMs - FirstTimestampMs) / 1000, 3);

    /// <summary>
    /// Managed bytes allocated per frame once warmed up (after <see cref="AnalysisPipeline.WarmUpFrames"/>), by the whole
    /// process; NaN for shorter runs.
    /// </summary>
    public double SteadyBytesPerFrame { get; init; } = double.NaN;

    /// <summary>Whether the sinks were committed (false only for a cancelled run told not to commit).</summary>
    public bool Committed { get; init; } = true;

    /// <summary>Frames processed per second of wall-clock time.</summary>
    public double ThroughputFps => WallMs > 0 ? FramesWritten * 1000.0 / WallMs : double.NaN;
}

public readonly record struct PipelineProgress(long FramesWritten, double TimestampMs, double WallMs);
