using System.Runtime.InteropServices;
using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Scoring;

/// <summary>A range that holds a score with the stated probability.</summary>
public readonly record struct ScoreInterval(double Low, double High);

/// <summary>
/// How far a pooled F1 could move had other clips of the same kind been scored: a percentile bootstrap over clips.
/// Clips, not events, are resampled, because events in one clip share a face, a speaker and a seed and fail or succeed
/// together. With a few dozen events the interval is wide, and two versions whose intervals overlap well are not
/// told apart by the set. The resampling is seeded, so a report is reproducible.
/// </summary>
public static class BootstrapInterval
{
    public const int Resamples = 2000;
    public const double Coverage = 0.95;

    /// <summary>
    /// The <see cref="Coverage"/> interval of <paramref name="kind"/>'s pooled F1 over <paramref name="clips"/>
    /// resampled with replacement (resamples without any event of the kind, whose F1 is undefined, are left out);
    /// NaN bounds when no clip has one, or when there is one clip only (resampling it says nothing of other clips).
    /// </summary>
    public static ScoreInterval F1(IReadOnlyList<ClipMatches> clips, string kind, int seed = 1)
    {
        var counts = clips.Select(c => Counts(c, kind)).ToArray();
        if (counts.Length < 2 || counts.All(c => c.Tp + c.Errors == 0)) return new(double.NaN, double.NaN);

        var random = new Random(seed);
        var scores = new List<double>(Resamples);
        for (var r = 0; r < Resamples; r++)
        {
            int tp = 0, errors = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                var c = counts[random.Next(counts.Length)];
                tp += c.Tp;
                errors += c.Errors;
            }
            if (tp + errors > 0) scores.Add(2.0 * tp / (2 * tp + errors));
        }
        return Central(scores);
    }

    /// <summary>
    /// The <see cref="Coverage"/> interval of F1(<paramref name="candidate"/>) − F1(<paramref name="baseline"/>) for
    /// <paramref name="kind"/>: two versions' results on the same clips, resampled in pairs (the clips both scored,
    /// matched by name), so that what the clips share cancels and a smaller difference can be told apart. An
    /// interval that holds 0 says the set cannot tell the versions apart. NaN bounds with fewer than two clips in common.
    /// </summary>
    public static ScoreInterval F1Difference(IReadOnlyList<ClipMatches> candidate, IReadOnlyList<ClipMatches> baseline, string kind, int seed = 1)
    {
        var before = baseline.ToDictionary(c => c.Clip);
        var pairs = candidate.Where(c => before.ContainsKey(c.Clip)).Select(c => (Counts(c, kind), Counts(before[c.Clip], kind))).ToArray();
        if (pairs.Length < 2) return new(double.NaN, double.NaN);

        var random = new Random(seed);
        var differences = new List<double>(Resamples);
        for (var r = 0; r < Resamples; r++)
        {
            int tpA = 0, errorsA = 0, tpB = 0, errorsB = 0;
            for (var i = 0; i < pairs.Length; i++)
            {
                var (a, b) = pairs[random.Next(pairs.Length)];
                (tpA, errorsA, tpB, errorsB) = (tpA + a.Tp, errorsA + a.Errors, tpB + b.Tp, errorsB + b.Errors);
            }
            if (tpA + errorsA > 0 && tpB + errorsB > 0)
                differences.Add(2.0 * tpA / (2 * tpA + errorsA) - 2.0 * tpB / (2 * tpB + errorsB));
        }
        return Central(differences);
    }

    /// <summary>The middle <see cref="Coverage"/> of the resampled values (NaN bounds when every resample was left out).</summary>
    private static ScoreInterval Central(List<double> values)
    {
        if (values.Count == 0) return new(double.NaN, double.NaN);
        values.Sort();
        var sorted = CollectionsMarshal.AsSpan(values);
        var tail = (1 - Coverage) / 2;
        return new(Quantile.OfSorted<double>(sorted, tail), Quantile.OfSorted<double>(sorted, 1 - tail));
    }

    private static (int Tp, int Errors) Counts(ClipMatches clip, string kind) => (
        clip.Matched.Count(m => m.Truth.Kind == kind),
        clip.Unmatched.Count(u => u.Kind == kind) + clip.Missed.Count(m => m.Kind == kind));
}
