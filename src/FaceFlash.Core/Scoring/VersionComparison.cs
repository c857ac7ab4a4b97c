namespace FaceFlash.Core.Scoring;

/// <summary>One kind's F1 for two versions on the same clips, and the paired 95 % interval of their difference.</summary>
public sealed record F1Comparison(double Candidate, double Baseline, double Difference, ScoreInterval Interval);

/// <summary>
/// How one version's results compare with another's on the same ground truth (<c>faceflash eval --against</c>): both
/// scored on the clips they have in common, with a paired bootstrap interval of the difference
/// (<see cref="BootstrapInterval.F1Difference"/>).
/// </summary>
public sealed record VersionComparison(string Baseline, int ClipsInCommon, F1Comparison Micro, F1Comparison Macro)
{
    public static VersionComparison Of(string baseline, IReadOnlyList<ClipMatches> candidate, IReadOnlyList<ClipMatches> baselineClips)
    {
        var (myNames, theirNames) = (candidate.Select(c => c.Clip).ToHashSet(), baselineClips.Select(c => c.Clip).ToHashSet());
        var mine = candidate.Where(c => theirNames.Contains(c.Clip)).ToList();
        var theirs = baselineClips.Where(c => myNames.Contains(c.Clip)).ToList();
        var (a, b) = (SpottingEvaluator.Pool(mine), SpottingEvaluator.Pool(theirs));
        F1Comparison Compare(KindScore x, KindScore y) =>
            new(x.F1, y.F1, x.F1 - y.F1, BootstrapInterval.F1Difference(mine, theirs, x.Kind));
        return new VersionComparison(baseline, mine.Count, Compare(a.Micro, b.Micro), Compare(a.Macro, b.Macro));
    }
}
