namespace FaceFlash.Core.Time;

/// <summary>Events per second over the last second of a monotonic clock (frames grabbed, frames shown).</summary>
public sealed class RateMeter
{
    private readonly Queue<double> _times = new();
    private readonly Lock _lock = new();

    public void Tick(double nowMs)
    {
        lock (_lock)
        {
            _times.Enqueue(nowMs);
            while (_times.Count > 0 && nowMs - _times.Peek() > 1000) _times.Dequeue();
        }
    }

    public double PerSecond(double nowMs)
    {
        lock (_lock)
        {
            while (_times.Count > 0 && nowMs - _times.Peek() > 1000) _times.Dequeue();
            return _times.Count;
        }
    }
}
