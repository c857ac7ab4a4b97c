namespace FaceFlash.Core.Time;

/// <summary>
/// Latencies in milliseconds: percentiles over the most recent samples (a fixed ring, so memory stays flat however long a
/// session runs) and the maximum over the whole session.
/// </summary>
public sealed class LatencyStats(int window = 2048)
{
    private readonly double[] _ring = new double[window];
    private readonly double[] _sorted = new double[window];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public long Samples { get; private set; }
    public double MaxMs { get; private set; }

    public void Add(double ms)
    {
        lock (_lock)
        {
            _ring[_next] = ms;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
            Samples++;
            MaxMs = Math.Max(MaxMs, ms);
        }
    }

    /// <summary>The <paramref name="p"/>-th percentile (0–100) of the recent samples, NaN before any.</summary>
    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_count == 0) return double.NaN;
            Array.Copy(_ring, _sorted, _count);
            var span = _sorted.AsSpan(0, _count);
            span.Sort();
            var index = (int)Math.Ceiling(p / 100 * _count) - 1;
            return span[Math.Clamp(index, 0, _count - 1)];
        }
    }
}
