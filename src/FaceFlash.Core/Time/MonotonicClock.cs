using System.Diagnostics;

namespace FaceFlash.Core.Time;

/// <summary>Milliseconds on the process-wide monotonic clock: the one time base for grab stamps and latencies.</summary>
public sealed class MonotonicClock : IClock
{
    public static MonotonicClock Shared { get; } = new();

    private MonotonicClock() { }

    public double NowMs => Stopwatch.GetElapsedTime(0).TotalMilliseconds;
}
