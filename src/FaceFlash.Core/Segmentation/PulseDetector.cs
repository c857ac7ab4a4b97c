using FaceFlash.Core.Time;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// A rise of a signal above its rest level and back: onset, apex and offset times in milliseconds. <see cref="Slopes"/>
/// is where the rise and the fall, drawn as straight lines through a fifth and four fifths of the apex, meet zero
/// (a sample's time and frame, never before the previous pulse's end nor after the last sample seen): a slow movement's
/// feet, which noise at rest hides from the walk down to the rest level.
/// </summary>
public readonly record struct Pulse(double OnsetMs, double ApexMs, double OffsetMs, float ApexValue, long OnsetFrame, long ApexFrame, long OffsetFrame)
{
    public double DurationMs => OffsetMs - OnsetMs;

    public (double OnsetMs, long OnsetFrame, double OffsetMs, long OffsetFrame) Slopes { get; init; } = (OnsetMs, OnsetFrame, OffsetMs, OffsetFrame);

    /// <summary>The signal at the onset: how far the pulse rose is <see cref="ApexValue"/> less this (its prominence).</summary>
    public float FootValue { get; init; }
}

/// <summary>
/// Finds pulses in a time-stamped signal, causally. A pulse starts when the signal reaches
/// <see cref="OnThreshold"/>; its onset is the foot of the rise (found by looking back: down to rest, then on while
/// the signal keeps falling, up to <see cref="FootSearchMs"/>), its apex the peak, and its offset the foot of the fall
/// found the same way from the first sample back at rest — rest being the larger of an absolute level and a fraction
/// of the apex, provided the signal stays there for <see cref="OffsetHoldMs"/> (a slow, noisy return to rest is not
/// cut into two pulses). So a pulse is known a short hold after it came back to rest. A gap in the samples longer than
/// <see cref="MaxGapMs"/> (dropped frames, a lost face) abandons a pulse that cannot be timed; one that lasts longer
/// than <see cref="MaxDurationMs"/> is a sustained change, not a pulse; nor is a stretch above the threshold that was
/// highest where it started (a large movement's tail, falling through the threshold after it came back to its rest).
/// </summary>
public sealed class PulseDetector(float onThreshold, float restLevel, float restFraction, double maxDurationMs, double maxGapMs,
    double offsetHoldMs = 60, int historyCapacity = 8192)
{
    private double _offsetCandidateMs = double.NaN;
    private int _offsetCandidateIndex; // where the offset candidate's sample sits in the history

    private readonly double[] _times = new double[historyCapacity];
    private readonly float[] _values = new float[historyCapacity];
    private readonly long[] _frames = new long[historyCapacity];
    private int _head; // index of the next write

    /// <summary>Where the newest and the oldest sample sit in the history.</summary>
    private int Newest => (_head - 1 + _times.Length) % _times.Length;

    private int Oldest => (_head - _count + _times.Length) % _times.Length;
    private int _count;
    private State _state = State.Idle;
    private double _onsetMs;
    private double _apexMs;
    private int _apexIndex; // where the apex's sample sits in the history (overwritten when a pulse outlasts it)
    private long _onsetFrame;
    private float _footValue;
    private long _apexFrame;
    private double _lastOffsetMs = double.NegativeInfinity;

    // A pulse may start only after the signal has been seen at rest: after a gap, a lost face or at the very start,
    // a signal already up belongs to a movement whose onset was not seen, which cannot be timed.
    private bool _armed;
    private float _apex;

    private enum State { Idle, Active, Sustained }

    public float OnThreshold { get; } = onThreshold;
    public double MaxDurationMs { get; } = maxDurationMs;
    public double MaxGapMs { get; } = maxGapMs;
    public double OffsetHoldMs { get; } = offsetHoldMs;
    public bool IsActive => _state == State.Active;

    /// <summary>Onset of the pulse in progress (meaningful while <see cref="IsActive"/>).</summary>
    public double ActiveOnsetMs => _onsetMs;

    /// <summary>
    /// When the pulse in progress crossed the threshold (meaningful while <see cref="IsActive"/>): unlike its onset,
    /// which is looked back for and may lie far back on a signal that seldom rests, this is when it was seen to start.
    /// </summary>
    public double ActiveSinceMs { get; private set; }

    /// <summary>True after an <see cref="Add"/> that raised the apex of the active pulse.</summary>
    public bool NewApex { get; private set; }

    /// <summary>Adds a sample (with its frame number); returns the pulse that this sample ended, if any.</summary>
    public Pulse? Add(double timestampMs, long frame, float value)
    {
        NewApex = false;
        if (_count > 0)
        {
            var previous = _times[Newest];
            if (Durations.Over(timestampMs - previous, MaxGapMs) || timestampMs < previous) Abandon();
        }
        _times[_head] = timestampMs;
        _values[_head] = value;
        _frames[_head] = frame;
        _head = (_head + 1) % _times.Length;
        _count = Math.Min(_count + 1, _times.Length);

        if (_state == State.Idle && value <= restLevel) _armed = true;
        switch (_state)
        {
            case State.Idle when value >= OnThreshold && _armed:
                _state = State.Active;
                ActiveSinceMs = timestampMs;
                (_onsetMs, _onsetFrame, _footValue) = LookBackForRest();
                _offsetCandidateMs = double.NaN;
                _apex = value;
                (_apexMs, _apexFrame, _apexIndex) = (timestampMs, frame, Newest);
                NewApex = true;
                return null;
            case State.Active:
                if (value > _apex)
                {
                    _apex = value;
                    (_apexMs, _apexFrame, _apexIndex) = (timestampMs, frame, Newest);
                    NewApex = true;
                }
                if (value <= Rest(_apex))
                {
                    if (double.IsNaN(_offsetCandidateMs)) (_offsetCandidateMs, _offsetCandidateIndex) = (timestampMs, Newest);
                    if (Durations.Under(timestampMs - _offsetCandidateMs, OffsetHoldMs)) return null;
                    _state = State.Idle;
                    var (offsetMs, offsetFrame) = FallToRest();
                    var pulse = InProgress(offsetMs, offsetFrame, ended: true);
                    _lastOffsetMs = offsetMs;
                    _offsetCandidateMs = double.NaN;
                    // Highest where it started, it never rose: the tail of a large movement that ended above the
                    // threshold (its rest is a fifth of its apex), falling through it — not a movement of its own.
                    return _apexMs > _onsetMs ? pulse : null;
                }
                if (value >= OnThreshold) _offsetCandidateMs = double.NaN; // it rose again: the same movement goes on
                if (Durations.Over(timestampMs - _onsetMs, MaxDurationMs)) _state = State.Sustained;
                return null;
            case State.Sustained when value <= Rest(_apex):
                _state = State.Idle;
                _lastOffsetMs = timestampMs;
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The pulse in progress as it stands, for when its signal ends (the video ends, the face is lost): ended at its
    /// offset when it had already come back to rest, else cut at the last sample (<c>Truncated</c>). Null when no
    /// pulse is in progress. The detector carries on as if nothing was taken; <see cref="Abandon"/> resets it.
    /// </summary>
    public (Pulse Pulse, bool Truncated)? Cut()
    {
        if (_state != State.Active || _count == 0) return null;
        var newest = Newest;
        var ended = !double.IsNaN(_offsetCandidateMs);
        var (offsetMs, offsetFrame) = ended ? FallToRest() : (_times[newest], _frames[newest]);
        return (InProgress(offsetMs, offsetFrame, ended), !ended);
    }

    /// <summary>The pulse in progress, ending at <paramref name="offsetMs"/> (its fall seen to rest when <paramref name="ended"/>).</summary>
    private Pulse InProgress(double offsetMs, long offsetFrame, bool ended) =>
        new(_onsetMs, _apexMs, offsetMs, _apex, _onsetFrame, _apexFrame, offsetFrame)
        {
            Slopes = AlongTheSlopes(offsetMs, offsetFrame, ended), FootValue = _footValue,
        };

    /// <summary>Forgets the pulse in progress (the face was lost or its reference was reset).</summary>
    public void Abandon()
    {
        _offsetCandidateMs = double.NaN;
        _armed = false;
        _state = State.Idle;
        _count = 0;
        _lastOffsetMs = double.NegativeInfinity;
    }

    private float Rest(float apex) => Math.Max(restLevel, restFraction * apex);

    /// <summary>
    /// How far the signal may stand above the lowest point found so far, walking back from the threshold crossing,
    /// before that point counts as where the rise began: noise on the way up is not a start, but a signal that was
    /// clearly higher before (speech moving the mouth just before an expression) is.
    /// </summary>
    private const float ClimbNoise = 0.15f;

    /// <summary>Walking back, this long without a lower point means the walk is in a flat stretch before the rise.</summary>
    private const double FlatMs = 100;

    /// <summary>
    /// How far before the signal reached its rest level the foot of a rise is looked for (and after, of a fall): a
    /// movement climbs from its foot to the rest level in about this (stopping at the rest level started movements
    /// 14–18 ms late at 100–200 fps on the portrait clips). Less than a frame at 25–30 fps, where the rest-level sample
    /// stays the onset: a frame further back reaches into the noise at rest (measured on the tuning set: every
    /// movement's steady descent followed to its end lost nearly half of the micro-expressions found at 25 fps).
    /// </summary>
    private const double FootSearchMs = 20;

    // The newest sample is the one that crossed the threshold; walk back down the rise to where it began: the lowest
    // point before the signal was clearly higher again or stayed flat and, once back at rest, the foot of the rise —
    // the last sample of its steady descent, within FootSearchMs.
    private (double Ms, long Frame, float Value) LookBackForRest()
    {
        var newest = Newest;
        var onset = newest;
        var restAt = -1; // where the walk came down to the rest level
        for (var k = 2; k <= _count; k++)
        {
            var i = (_head - k + _times.Length) % _times.Length;
            // Never back past the end of the previous pulse, nor further than the longest pulse.
            if (_times[i] < _lastOffsetMs || Durations.Over(_times[newest] - _times[i], MaxDurationMs)) break;
            if (restAt >= 0)
            {
                if (_values[i] >= _values[onset] || Durations.Over(_times[restAt] - _times[i], FootSearchMs)) break;
                onset = i;
                continue;
            }
            if (_values[i] > _values[onset] + ClimbNoise || Durations.Over(_times[onset] - _times[i], FlatMs)) break;
            if (_values[i] < _values[onset]) onset = i;
            if (_values[onset] <= restLevel) restAt = onset;
        }
        return (_times[onset], _frames[onset], _values[onset]);
    }

    /// <summary>Where the slope lines are drawn through, as shares of the apex.</summary>
    private const float SlopeLow = 0.2f, SlopeHigh = 0.8f;

    /// <summary>
    /// <see cref="Pulse.Slopes"/> for the pulse in progress: the rise's line through the last sample at or under a fifth
    /// of the apex before it and the first at or over four fifths after that one — so that a display held with a wobble
    /// (a laugh) is not given the slope from its plateau's dips — and the fall's likewise after the apex (only when the
    /// pulse <paramref name="ended"/>), each met with zero at the nearest sample, bounded by the previous pulse's end
    /// and the last sample. Where the signal never came that low on a side, or its line reaches less far than the feet
    /// (<paramref name="offsetMs"/> and the onset), that side keeps its foot.
    /// </summary>
    private (double, long, double, long) AlongTheSlopes(double offsetMs, long offsetFrame, bool ended)
    {
        var onsetMs = _onsetMs;
        var onsetFrame = _onsetFrame;
        var apex = _apexIndex;
        if (_times[apex] != _apexMs) return (onsetMs, onsetFrame, offsetMs, offsetFrame); // the history moved on past it
        if (Crossing(apex, -1, SlopeLow) is { } low && Crossing(low, +1, SlopeHigh, above: true) is { } high && _times[high] > _times[low] && _times[low] >= _lastOffsetMs)
        {
            var footMs = _times[low] - (_times[high] - _times[low]) * SlopeLow / (SlopeHigh - SlopeLow);
            var foot = Nearest(low, -1, Math.Max(footMs, _lastOffsetMs));
            if (_times[foot] < onsetMs) (onsetMs, onsetFrame) = (_times[foot], _frames[foot]);
        }
        if (ended && Crossing(apex, +1, SlopeLow) is { } fallLow && Crossing(fallLow, -1, SlopeHigh, above: true) is { } fallHigh && _times[fallLow] > _times[fallHigh])
        {
            var footMs = _times[fallLow] + (_times[fallLow] - _times[fallHigh]) * SlopeLow / (SlopeHigh - SlopeLow);
            var foot = Nearest(fallLow, +1, footMs);
            if (_times[foot] > offsetMs) (offsetMs, offsetFrame) = (_times[foot], _frames[foot]);
        }
        return (onsetMs, onsetFrame, offsetMs, offsetFrame);
    }

    /// <summary>
    /// From <paramref name="from"/> in <paramref name="step"/>'s direction, the first sample at or under (or, <paramref
    /// name="above"/>, at or over) <paramref name="share"/> of the apex; null if none.
    /// </summary>
    private int? Crossing(int from, int step, float share, bool above = false)
    {
        var end = step < 0 ? Oldest : Newest;
        for (var i = from; ; i = (i + step + _times.Length) % _times.Length)
        {
            if (above ? _values[i] >= share * _apex : _values[i] <= share * _apex) return i;
            if (i == end) return null;
        }
    }

    /// <summary>From <paramref name="from"/> in <paramref name="step"/>'s direction, the sample nearest <paramref name="ms"/>, not past the history's end.</summary>
    private int Nearest(int from, int step, double ms)
    {
        var end = step < 0 ? Oldest : Newest;
        var i = from;
        while (i != end)
        {
            var next = (i + step + _times.Length) % _times.Length;
            if (Math.Abs(_times[next] - ms) >= Math.Abs(_times[i] - ms) || _times[next] < _lastOffsetMs) break;
            i = next;
        }
        return i;
    }

    // The pulse came back to rest at the offset candidate and stayed there through the hold; its offset is the foot of
    // the fall, as its onset is the foot of the rise: the last sample of the steady descent, within FootSearchMs.
    private (double Ms, long Frame) FallToRest()
    {
        var offset = _offsetCandidateIndex;
        for (var i = (offset + 1) % _times.Length; i != _head && _values[i] < _values[offset]; i = (i + 1) % _times.Length)
        {
            if (Durations.Over(_times[i] - _offsetCandidateMs, FootSearchMs)) break;
            offset = i;
        }
        return (_times[offset], _frames[offset]);
    }
}
