using FaceFlash.Core.Signals;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// One person's neutral face, per AU: a running median of their raw intensities over the last seconds. Intensities
/// are reported relative to it, so a resting face that the estimator reads as slightly "active" (a natural brow
/// position, a reference taken mid-expression) reads as zero. <see cref="Reset"/> starts it afresh.
/// </summary>
public sealed class NeutralBaseline(double windowMs = 10_000)
{
    // One sample per 50 ms is plenty for a level that moves over seconds, and keeps the cost flat at any frame rate.
    private readonly RobustLevel[] _medians = Enumerable.Range(0, ActionUnitInfo.Count).Select(_ => new RobustLevel(windowMs, sampleSpacingMs: 50)).ToArray();

    public void Reset()
    {
        foreach (var m in _medians) m.Reset();
    }

    /// <summary>Adds this frame's raw intensities and writes them relative to the baseline, clamped to 0–5.</summary>
    public void Correct(double timestampMs, ReadOnlySpan<float> raw, Span<float> corrected)
    {
        for (var i = 0; i < _medians.Length; i++)
        {
            _medians[i].Add(timestampMs, raw[i]);
            corrected[i] = Math.Clamp(raw[i] - _medians[i].Level, 0, ActionUnitInfo.MaxIntensity);
        }
    }
}
