using FaceFlash.Core.Signals;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// One person's neutral face, per AU: a running median of their raw intensities over the last seconds. Intensities
/// are reported relative to it, so a resting face that the estimator reads as slightly "active" (a natural brow
/// position, a reference taken mid-expression) reads as zero. An AU that has stood well above its neutral level for
/// over a second is in a display, not the neutral face: from then on, up to <c>longestDisplayMs</c>, the median does
/// not learn it, so a laugh or a cry of several seconds is not absorbed into the neutral face half-way through; held
/// longer, it is a new resting face and is learnt. (Speech, whose mouth AUs rise and fall with every syllable, never
/// stays up that long, and keeps being learnt: holding it out would leave the mouth's baseline at its most closed.)
/// <see cref="Reset"/> starts it afresh.
/// </summary>
public sealed class NeutralBaseline(double windowMs = 10_000, float displayAbove = 1.0f, double longestDisplayMs = NeutralBaseline.LongestDisplayMs)
{
    /// <summary>
    /// The longest expression: a laugh or a cry lasts 5–10 s; a change held longer is a new resting face (a change of
    /// posture or light). The segmenter uses the same bound (<see cref="Segmentation.SegmenterOptions.LongestDisplayMs"/>).
    /// </summary>
    public const double LongestDisplayMs = 15_000;

    // One sample per 50 ms is plenty for a level that moves over seconds, and keeps the cost flat at any frame rate.
    private const double SampleSpacingMs = 50;

    /// <summary>An AU up for longer than this without a break is in a display.</summary>
    private const double DisplayAfterMs = 1000;

    /// <summary>Until the median has this much history it learns everything: the neutral face is still being found.</summary>
    private const double FormingMs = 2000;

    private readonly RobustLevel[] _medians = Enumerable.Range(0, ActionUnitInfo.Count).Select(_ => new RobustLevel(windowMs, SampleSpacingMs)).ToArray();

    /// <summary>Per AU, since when it has stood above the display level (NaN while it does not).</summary>
    private readonly double[] _raisedSinceMs = Enumerable.Repeat(double.NaN, ActionUnitInfo.Count).ToArray();

    public void Reset()
    {
        foreach (var m in _medians) m.Reset();
        Array.Fill(_raisedSinceMs, double.NaN);
    }

    /// <summary>Adds this frame's raw intensities and writes them relative to the baseline, clamped to 0–5.</summary>
    public void Correct(double timestampMs, ReadOnlySpan<float> raw, Span<float> corrected)
    {
        for (var i = 0; i < _medians.Length; i++)
        {
            var median = _medians[i];
            var above = raw[i] - median.Level;
            corrected[i] = Math.Clamp(above, 0, ActionUnitInfo.MaxIntensity);
            var formed = median.Count * SampleSpacingMs >= FormingMs;
            if (!formed || above < displayAbove) _raisedSinceMs[i] = double.NaN;
            else if (double.IsNaN(_raisedSinceMs[i])) _raisedSinceMs[i] = timestampMs;
            var up = timestampMs - _raisedSinceMs[i]; // NaN while not raised
            var displaying = Durations.AtLeast(up, DisplayAfterMs) && Durations.AtMost(up, longestDisplayMs);
            if (!displaying) median.Add(timestampMs, raw[i]);
        }
    }
}
