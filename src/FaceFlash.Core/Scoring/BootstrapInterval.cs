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
        return Central(Resampled([counts], seed).Select(totals => F1Of(totals[0])).OfType<double>());
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
        var shared = candidate.Where(c => before.ContainsKey(c.Clip)).ToArray();
        if (shared.Length < 2) return new(double.NaN, double.NaN);
        var versions = new[] { shared.Select(c => Counts(c, kind)).ToArray(), shared.Select(c => Counts(before[c.Clip], kind)).ToArray() };
        return Central(Resampled(versions, seed)
            .Select(totals => F1Of(totals[0]) - F1Of(totals[1]))
            .OfType<double>());
    }

    /// <summary>
    /// Each version's counts summed over the clips drawn with replacement, <see cref="Resamples"/> times; every version
    /// gets the same draw (<c>versions[v][clip]</c>), which is what pairs them.
    /// </summary>
    private static IEnumerable<(int Tp, int Errors)[]> Resampled((int Tp, int Errors)[][] versions, int seed)
    {
        var random = new Random(seed);
        var clips = versions[0].Length;
        for (var r = 0; r < Resamples; r++)
        {
            var totals = new (int Tp, int Errors)[versions.Length];
            for (var i = 0; i < clips; i++)
            {
                var clip = random.Next(clips);
                for (var v = 0; v < versions.Length; v++)
                    totals[v] = (totals[v].Tp + versions[v][clip].Tp, totals[v].Errors + versions[v][clip].Errors);
            }
            yield return totals;
        }
    }

    /// <summary>F1 from pooled counts (errors = false positives + false negatives); null when there is no event at all.</summary>
    private static double? F1Of((int Tp, int Errors) c) => c.Tp + c.Errors == 0 ? null : 2.0 * c.Tp / (2 * c.Tp + c.Errors);

    /// <summary>The middle <see cref="Coverage"/> of the resampled values (NaN bounds when every resample was left out).</summary>
    private static ScoreInterval Central(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray().AsSpan();
        if (sorted.IsEmpty) return new(double.NaN, double.NaN);
        var tail = (1 - Coverage) / 2;
        return new(Quantile.OfSorted<double>(sorted, tail), Quantile.OfSorted<double>(sorted, 1 - tail));
    }

    private static (int Tp, int Errors) Counts(ClipMatches clip, string kind) => (
        clip.Matched.Count(m => m.Truth.Kind == kind),
        clip.Unmatched.Count(u => u.Kind == kind) + clip.Missed.Count(m => m.Kind == kind));
}
