namespace FaceFlash.Core.Signals;

/// <summary>
/// A level that adapts robustly: a percentile (the median by default) of the samples from the last
/// <see cref="WindowMs"/>, admitting at most one sample per <see cref="SampleSpacingMs"/> so memory and cost stay fixed
/// whatever the frame rate. Brief events (micro-expressions, blinks) barely move it; <see cref="Reset"/> starts afresh.
/// </summary>
public sealed class RunningMedian
{
    private readonly double[] _times;
    private readonly float[] _values;
    private readonly float[] _sorted;
    private int _start;
    private int _count;
    private double _lastAdmittedMs = double.NegativeInfinity;
    private float _median;
    private bool _dirty;

    private readonly double _percentile;

    public RunningMedian(double windowMs = 8000, double sampleSpacingMs = 50, double percentile = 0.5)
    {
        _percentile = percentile;
        WindowMs = windowMs;
        SampleSpacingMs = sampleSpacingMs;
        var capacity = (int)Math.Ceiling(windowMs / sampleSpacingMs) + 2;
        _times = new double[capacity];
        _values = new float[capacity];
        _sorted = new float[capacity];
    }

    public double WindowMs { get; }
    public double SampleSpacingMs { get; }
    public int Count => _count;

    /// <summary>The median of the admitted samples, or 0 before any.</summary>
    public float Value
    {
        get
        {
            if (_dirty) Recompute();
            return _median;
        }
    }

    public void Add(double timestampMs, float value)
    {
        if (timestampMs < _lastAdmittedMs) Reset(); // time went backwards: a new recording
        if (timestampMs - _lastAdmittedMs < SampleSpacingMs) return;
        _lastAdmittedMs = timestampMs;
        while (_count > 0 && (timestampMs - _times[_start] > WindowMs || _count == _times.Length))
        {
            _start = (_start + 1) % _times.Length;
            _count--;
        }
        var slot = (_start + _count) % _times.Length;
        _times[slot] = timestampMs;
        _values[slot] = value;
        _count++;
        _dirty = true;
    }

    public void Reset()
    {
        _count = 0;
        _start = 0;
        _lastAdmittedMs = double.NegativeInfinity;
        _median = 0;
        _dirty = false;
    }

    private void Recompute()
    {
        for (var i = 0; i < _count; i++) _sorted[i] = _values[(_start + i) % _values.Length];
        var span = _sorted.AsSpan(0, _count);
        span.Sort();
        if (_count == 0)
        {
            _median = 0;
        }
        else
        {
            // Linear interpolation between order statistics (the median of an even count is the mean of the middle two).
            var position = _percentile * (_count - 1);
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, _count - 1);
            _median = (float)(span[below] + (position - below) * (span[above] - span[below]));
        }
        _dirty = false;
    }
}
