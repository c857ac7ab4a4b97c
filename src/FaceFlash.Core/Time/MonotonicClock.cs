using System.Diagnostics;

namespace FaceFlash.Core.Time;

/// <summary>Milliseconds on the process-wide monotonic clock: the one time base for grab stamps and latencies.</summary>
public static class MonotonicClock
{
    public static double NowMs => Stopwatch.GetElapsedTime(0).TotalMilliseconds;
}
