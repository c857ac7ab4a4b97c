using FaceFlash.Core.Signals;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// How well matched events are timed: the median absolute error of their onsets, offsets and durations against the
/// truth, and how many durations are right to within one frame interval of their clip (only clips whose frame rate
/// the truth gives count there; human coding of a real video may not).
/// </summary>
public sealed record TimingErrors(double MedianOnsetErrorMs, double MedianOffsetErrorMs, double MedianDurationErrorMs,
    int DurationsWithinOneFrame, int DurationsTimed)
{
    public static TimingErrors Of(IReadOnlyList<ClipMatches> clips)
    {
        var matched = clips.SelectMany(c => c.Matched.Select(m => (m.Truth, m.Predicted, c.FrameIntervalMs))).ToList();
        static double Median(IEnumerable<double> errors)
        {
            var sorted = errors.Order().ToArray();
            return sorted.Length == 0 ? double.NaN : Quantile.OfSorted<double>(sorted, 0.5);
        }
        static double DurationError(TruthEvent t, PredictedEvent p) => (p.OffsetMs - p.OnsetMs) - (t.OffsetMs - t.OnsetMs);
        var framed = matched.Where(m => m.FrameIntervalMs > 0).ToList();
        return new TimingErrors(
            Median(matched.Select(m => Math.Abs(m.Predicted.OnsetMs - m.Truth.OnsetMs))),
            Median(matched.Select(m => Math.Abs(m.Predicted.OffsetMs - m.Truth.OffsetMs))),
            Median(matched.Select(m => Math.Abs(DurationError(m.Truth, m.Predicted)))),
            framed.Count(m => Durations.AtMost(Math.Abs(DurationError(m.Truth, m.Predicted)), m.FrameIntervalMs)),
            framed.Count);
    }
}
