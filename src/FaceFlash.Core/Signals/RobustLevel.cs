using FaceFlash.Core.Time;

namespace FaceFlash.Core.Signals;

/// <summary>
/// A signal's recent level and noise, robustly: the median and the interquartile spread (scaled to a standard
/// deviation) of the samples from the last <c>windowMs</c>, at most one sample per <c>sampleSpacingMs</c> so memory
/// and cost stay fixed whatever the frame rate. Brief movements barely move either; a caller that must measure a
/// movement against what came before it stops adding samples while the movement lasts. The window is kept sorted as
/// samples come and go (a binary search and a block move each), so reading the level costs nothing per frame.
/// </summary>
public sealed class RobustLevel(double windowMs, double sampleSpacingMs)
{
    /// <summary>Interquartile range of a normal distribution, in standard deviations.</summary>
    private const float IqrPerSigma = 1.349f;

    private readonly double[] _times = new double[(int)Math.Ceiling(windowMs / sampleSpacingMs) + 2];
    private readonly float[] _values = new float[(int)Math.Ceiling(windowMs / sampleSpacingMs) + 2];
    private readonly float[] _sorted = new float[(int)Math.Ceiling(windowMs / sampleSpacingMs) + 2];
    private int _start;
    private int _count;
    private double _lastAdmittedMs = double.NegativeInfinity;

    public int Count => _count;

    /// <summary>The median of the recent samples (0 before any).</summary>
    public float Level => Quantile.OfSorted(_sorted.AsSpan(0, _count), 0.5);

    /// <summary>The recent samples' spread as a standard deviation: interquartile range / 1.349 (0 before any).</summary>
    public float Scale
    {
        get
        {
            var sorted = _sorted.AsSpan(0, _count);
            return (Quantile.OfSorted(sorted, 0.75) - Quantile.OfSorted(sorted, 0.25)) / IqrPerSigma;
        }
    }

    /// <summary>
    /// How far the recent samples' upper tail (their 90th percentile) stands above their median: how high the signal
    /// routinely goes, which the interquartile spread misses when it rests most of the time and bursts (a jaw in speech).
    /// </summary>
    public float Reach => Quantile.OfSorted(_sorted.AsSpan(0, _count), 0.9) - Level;

    /// <summary>When the newest sample kept was taken (−∞ before any).</summary>
    public double NewestMs => _lastAdmittedMs;

    /// <summary>The <paramref name="index"/>-th of the recent samples in time order, oldest first (index below <see cref="Count"/>).</summary>
    public float Recent(int index) => _values[(_start + index) % _values.Length];

    public void Add(double timestampMs, float value)
    {
        if (timestampMs < _lastAdmittedMs) Reset(); // time went backwards: a new recording
        if (Durations.Under(timestampMs - _lastAdmittedMs, sampleSpacingMs)) return;
        _lastAdmittedMs = timestampMs;
        while (_count > 0 && (Durations.Over(timestampMs - _times[_start], windowMs) || _count == _times.Length))
        {
            RemoveSorted(_values[_start]);
            _start = (_start + 1) % _times.Length;
        }
        var slot = (_start + _count) % _times.Length;
        _times[slot] = timestampMs;
        _values[slot] = value;
        InsertSorted(value);
    }

    private void InsertSorted(float value)
    {
        var at = Array.BinarySearch(_sorted, 0, _count, value);
        if (at < 0) at = ~at;
        Array.Copy(_sorted, at, _sorted, at + 1, _count - at);
        _sorted[at] = value;
        _count++;
    }

    private void RemoveSorted(float value)
    {
        var at = Array.BinarySearch(_sorted, 0, _count, value);
        Array.Copy(_sorted, at + 1, _sorted, at, _count - at - 1);
        _count--;
    }

    public void Reset()
    {
        _count = 0;
        _start = 0;
        _lastAdmittedMs = double.NegativeInfinity;
    }
}
