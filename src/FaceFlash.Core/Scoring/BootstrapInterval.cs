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
        var counts = clips.Select(c => (
            Tp: c.Matched.Count(m => m.Truth.Kind == kind),
            Fp: c.Unmatched.Count(u => u.Kind == kind),
            Fn: c.Missed.Count(m => m.Kind == kind))).ToArray();
        if (counts.Length < 2 || counts.All(c => c.Tp + c.Fp + c.Fn == 0)) return new(double.NaN, double.NaN);

        var random = new Random(seed);
        var scores = new List<double>(Resamples);
        for (var r = 0; r < Resamples; r++)
        {
            int tp = 0, errors = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                var c = counts[random.Next(counts.Length)];
                tp += c.Tp;
                errors += c.Fp + c.Fn;
            }
            if (tp + errors > 0) scores.Add(2.0 * tp / (2 * tp + errors));
        }
        scores.Sort();
        var tail = (1 - Coverage) / 2;
        return new(Percentile(scores, tail), Percentile(scores, 1 - tail));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
