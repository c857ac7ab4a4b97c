using FaceFlash.Core.Signals;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// How well matched events are timed: the median absolute error of their onsets, offsets and durations against the
/// truth, the median signed error of their durations (negative: reported shorter than they were), and how many
/// durations are right to within one frame interval of their clip (only clips whose frame rate the truth gives count
/// there; human coding of a real video may not).
/// </summary>
public sealed record TimingErrors(double MedianOnsetErrorMs, double MedianOffsetErrorMs, double MedianDurationErrorMs,
    double MedianDurationBiasMs, int DurationsWithinOneFrame, int DurationsTimed)
{
    /// <param name="kind">micro or macro, or null for both</param>
    public static TimingErrors Of(IReadOnlyList<ClipMatches> clips, string? kind = null)
    {
        var matched = clips.SelectMany(c => c.Matched.Where(m => kind is null || m.Truth.Kind == kind).Select(m => (m.Truth, m.Predicted, c.FrameIntervalMs))).ToList();
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
            Median(matched.Select(m => DurationError(m.Truth, m.Predicted))),
            framed.Count(m => Durations.AtMost(Math.Abs(DurationError(m.Truth, m.Predicted)), m.FrameIntervalMs)),
            framed.Count);
    }
}
