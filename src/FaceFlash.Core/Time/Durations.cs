namespace FaceFlash.Core.Time;

/// <summary>
/// Compares a duration between two timestamps with a limit. Timestamps are milliseconds in doubles, and a container's
/// exact time base does not survive the conversion: frame 945 of a 25 fps video is at 945 × 0.04 × 1000 =
/// 37800.00000000001 ms, so a movement from frame 940 to 945 lasts 200.000000000007 ms and, compared exactly, would
/// not be the 200 ms micro-expression it is (one such boundary in eight, measured over 25 fps timestamps). Durations
/// are therefore compared at a microsecond's resolution, far finer than any frame interval and any time base's error.
/// </summary>
public static class Durations
{
    public const double ResolutionMs = 0.001;

    /// <summary>Whether <paramref name="durationMs"/> is at most <paramref name="limitMs"/>.</summary>
    public static bool AtMost(double durationMs, double limitMs) => durationMs <= limitMs + ResolutionMs;

    /// <summary>Whether <paramref name="durationMs"/> is longer than <paramref name="limitMs"/>.</summary>
    public static bool Over(double durationMs, double limitMs) => !AtMost(durationMs, limitMs);

    /// <summary>Whether <paramref name="durationMs"/> is at least <paramref name="limitMs"/>.</summary>
    public static bool AtLeast(double durationMs, double limitMs) => durationMs >= limitMs - ResolutionMs;

    /// <summary>Whether <paramref name="durationMs"/> is shorter than <paramref name="limitMs"/>.</summary>
    public static bool Under(double durationMs, double limitMs) => !AtLeast(durationMs, limitMs);
}
