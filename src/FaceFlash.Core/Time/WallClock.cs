namespace FaceFlash.Core.Time;

/// <summary>
/// Maps the monotonic clock's milliseconds to UTC wall-clock time, anchored once when created, so that every time a
/// session reports lies on one line (the wall clock may be stepped by NTP mid-session; the monotonic clock is not).
/// </summary>
public sealed class WallClock(IClock clock)
{
    private readonly DateTimeOffset _anchorUtc = DateTimeOffset.UtcNow;
    private readonly double _anchorMs = clock.NowMs;

    public DateTimeOffset At(double monotonicMs) => _anchorUtc.AddMilliseconds(monotonicMs - _anchorMs);

    /// <summary>ISO 8601 in UTC with milliseconds, e.g. 2026-12-03T15:04:05.123Z.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
