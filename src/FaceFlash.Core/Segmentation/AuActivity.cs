using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// How far each AU stands out from its own recent behaviour. Every AU has its own local level (the median of its last
/// seconds) and its own noise (their robust spread, at least <c>noiseFloor</c>): its <see cref="Excess"/> is how far
/// it rises above the level plus <c>noiseMultiple</c> times the noise. On a talking face the mouth AUs move all the time, so their noise
/// is large and speech stays inside the band, while a brief brow, lid or nose movement — whose AUs are quiet — stands
/// out; and a movement on top of a sustained expression is measured from that expression, not from the neutral face.
/// While an AU is moving its level is frozen (<see cref="Update"/>'s <c>moving</c>), so the movement is measured
/// against what came before its onset.
/// </summary>
public sealed class AuActivity(double windowMs, float noiseMultiple, float noiseFloor)
{
    private const double SampleSpacingMs = 20;
    private readonly RobustLevel[] _levels = ActionUnitInfo.All.Select(_ => new RobustLevel(windowMs, SampleSpacingMs)).ToArray();

    // The noise is learnt from every sample, movements included: an AU that moves all the time (the lips in speech)
    // has that movement as its noise. A brief movement is too small a share of the window to widen it much.
    private readonly RobustLevel[] _spread = ActionUnitInfo.All.Select(_ => new RobustLevel(windowMs, SampleSpacingMs)).ToArray();
    private readonly float[] _excess = new float[ActionUnitInfo.Count];
    private readonly float[] _rise = new float[ActionUnitInfo.Count];
    private double _learntUntilMs = double.NegativeInfinity;

    /// <summary>Per AU (all of them, sided ones included): how far it rises above its level and noise band, never below 0.</summary>
    public ReadOnlySpan<float> Excess => _excess;

    /// <summary>Per AU: how far it rises above its local level, noise band or not (never below 0).</summary>
    public ReadOnlySpan<float> Rise => _rise;

    /// <summary>An AU's recent noise (robust standard deviation, intensity units; never below the floor).</summary>
    public float Noise(ActionUnit au) => Math.Max(_spread[(int)au].Scale, noiseFloor);

    /// <summary>How far an AU has recently gone above its level, routinely (<see cref="RobustLevel.Reach"/>; never below the noise floor).</summary>
    public float Reach(ActionUnit au) => Math.Max(_spread[(int)au].Reach, noiseFloor);

    /// <param name="moving">per AU, whether a movement of it is in progress (its level then stays as it was)</param>
    /// <param name="sustained">per AU, whether that movement has lasted longer than a micro-expression (its noise then
    /// stays as it was too: a long expression is not noise)</param>
    /// <summary>
    /// Learns samples ahead of their measurement (a batch look-ahead): they form the levels and noise, and
    /// <see cref="Update"/> learns nothing more until it has passed the last of them.
    /// </summary>
    public void Learn(double timestampMs, ReadOnlySpan<float> intensities, ActionUnitSet valid)
    {
        for (var i = 0; i < _excess.Length; i++)
        {
            if (!valid.Contains((ActionUnit)i)) continue;
            _levels[i].Add(timestampMs, intensities[i]);
            _spread[i].Add(timestampMs, intensities[i]);
        }
        _learntUntilMs = timestampMs;
    }

    public void Update(double timestampMs, ReadOnlySpan<float> intensities, ActionUnitSet valid, ReadOnlySpan<bool> moving, ReadOnlySpan<bool> sustained)
    {
        var learnt = timestampMs <= _learntUntilMs;
        for (var i = 0; i < _excess.Length; i++)
        {
            var au = (ActionUnit)i;
            if (!valid.Contains(au))
            {
                _excess[i] = _rise[i] = 0;
                continue;
            }
            var level = _levels[i];
            _rise[i] = Math.Max(0, intensities[i] - level.Level);
            _excess[i] = Math.Max(0, _rise[i] - (_spread[i].Count == 0 ? 0 : noiseMultiple * Noise(au)));
            if (learnt) continue;
            if (!moving[i]) level.Add(timestampMs, intensities[i]);
            if (!sustained[i]) _spread[i].Add(timestampMs, intensities[i]);
        }
    }

    public void Reset()
    {
        foreach (var level in _levels) level.Reset();
        foreach (var spread in _spread) spread.Reset();
        Array.Clear(_excess);
        Array.Clear(_rise);
        _learntUntilMs = double.NegativeInfinity;
    }
}
