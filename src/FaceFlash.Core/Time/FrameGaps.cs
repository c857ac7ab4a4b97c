namespace FaceFlash.Core.Time;

/// <summary>
/// Where consecutive frames lie further apart than a movement can be followed across (frames missing from the
/// recording: dropped while it was made, or skipped as damaged): how many such places, and the longest. A
/// movement in progress at one is reported truncated, so the summary says where they are.
/// </summary>
public sealed class FrameGaps(double longerThanMs)
{
    private double _previousMs = double.NaN;

    public double LongerThanMs { get; } = longerThanMs;

    /// <summary>Places where the frames lie more than <see cref="LongerThanMs"/> apart.</summary>
    public int Count { get; private set; }

    /// <summary>The longest of them: its length and the time of the frame before it; null while there is none.</summary>
    public (double LengthMs, double FromMs)? Longest { get; private set; }

    /// <summary>Adds the next frame's time (in the order the frames are read; times never run backwards).</summary>
    public void Add(double timestampMs)
    {
        var length = timestampMs - _previousMs;
        if (!double.IsNaN(length) && Durations.Over(length, LongerThanMs))
        {
            Count++;
            if (Longest is not { } longest || length > longest.LengthMs) Longest = (length, _previousMs);
        }
        _previousMs = timestampMs;
    }

    /// <summary>
    /// One line on the gaps for a summary's warnings, or null where there are none.
    /// </summary>
    /// <param name="missingFrom">what the frames are missing from (<c>the recording</c>)</param>
    /// <param name="cause">how they may have gone missing (<c>dropped while it was recorded?</c>)</param>
    public string? Warning(string missingFrom, string cause) => Longest is { } longest
        ? $"frames are missing from {missingFrom} at {Count} place(s), consecutive frames lying over {LongerThanMs:0} ms apart " +
          $"(the longest {longest.LengthMs:0} ms, after {longest.FromMs / 1000:0.###} s; {cause}): a movement in progress there is reported " +
          "truncated, and none can be found within them"
        : null;
}
