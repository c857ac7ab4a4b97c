using FaceFlash.Core.Signals;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Whether a face is talking, from how its lips open and close: over the last seconds, the inner lips' gap (from the
/// landmarks, over the eye distance) must go well above its usual level (its 90th percentile at least
/// <c>minReach</c> over its median) and do so again and again — at least <c>minOpenings</c> separate openings, as
/// syllables make, where an expression opens the mouth once. The AUs of the lips and jaw tell this poorly: on several
/// GRID talkers the motion estimator's AU25 and AU26 barely moved while the lips visibly did, so their noise stayed at
/// its floor and the face counted as silent. Fixed memory: at most one sample per <see cref="SampleSpacingMs"/>; a
/// new recording needs <see cref="Reset"/>.
/// </summary>
public sealed class SpeechActivity(double windowMs, float minReach, int minOpenings)
{
    private const double SampleSpacingMs = 20;

    /// <summary>An opening is counted when the gap rises above the midpoint between its median and its 90th percentile
    /// by this share of that span, and ends when it falls as far below (so noise on the midpoint is not a syllable).</summary>
    private const float Hysteresis = 0.15f;

    private readonly RobustLevel _level = new(windowMs, SampleSpacingMs);
    private readonly double[] _times = new double[(int)Math.Ceiling(windowMs / SampleSpacingMs) + 2];
    private readonly float[] _gaps = new float[(int)Math.Ceiling(windowMs / SampleSpacingMs) + 2];
    private int _start;
    private int _count;

    public void Add(double timestampMs, float lipGap)
    {
        if (!float.IsFinite(lipGap)) return;
        // A sample no newer than the last one kept is one the batch look-ahead already gave (it replays what it learnt).
        if (_count > 0 && Durations.Under(timestampMs - _times[(_start + _count - 1) % _times.Length], SampleSpacingMs)) return;
        _level.Add(timestampMs, lipGap);
        while (_count > 0 && (Durations.Over(timestampMs - _times[_start], windowMs) || _count == _times.Length))
        {
            _start = (_start + 1) % _times.Length;
            _count--;
        }
        var slot = (_start + _count++) % _times.Length;
        (_times[slot], _gaps[slot]) = (timestampMs, lipGap);
    }

    public bool Talking => _count > 0 && _level.Reach >= minReach && Openings() >= minOpenings;

    /// <summary>How many separate openings the recent samples hold.</summary>
    public int Openings()
    {
        var span = _level.Reach;
        var middle = _level.Level + span / 2;
        var (above, below) = (middle + Hysteresis * span, middle - Hysteresis * span);
        var (openings, open) = (0, false);
        for (var k = 0; k < _count; k++)
        {
            var gap = _gaps[(_start + k) % _gaps.Length];
            if (!open && gap > above) (open, openings) = (true, openings + 1);
            else if (open && gap < below) open = false;
        }
        return openings;
    }

    public void Reset()
    {
        _level.Reset();
        (_start, _count) = (0, 0);
    }
}
