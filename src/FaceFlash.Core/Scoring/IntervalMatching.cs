namespace FaceFlash.Core.Scoring;

/// <summary>
/// One-to-one matching of coded and reported intervals, the largest IoU first: each coded interval is paired with at
/// most one reported one, and only where <c>pairs</c> allows it and the IoU reaches the least it must (expressions:
/// 0.5 and the same kind, MEGC's rule; blinks: any overlap).
/// </summary>
public static class IntervalMatching
{
    /// <returns>the matched (coded, reported) indices, best first</returns>
    public static List<(int Coded, int Reported)> Match(IReadOnlyList<Interval> coded, IReadOnlyList<Interval> reported, Func<double, bool> enough,
        Func<int, int, bool>? pairs = null)
    {
        var candidates = new List<(double Iou, int C, int R)>();
        for (var c = 0; c < coded.Count; c++)
            for (var r = 0; r < reported.Count; r++)
                if ((pairs?.Invoke(c, r) ?? true) && coded[c].IntersectionOverUnion(reported[r]) is var iou && enough(iou))
                    candidates.Add((iou, c, r));
        var (usedCoded, usedReported) = (new HashSet<int>(), new HashSet<int>());
        var matched = new List<(int, int)>();
        foreach (var (_, c, r) in candidates.OrderByDescending(x => x.Iou))
            if (!usedCoded.Contains(c) && !usedReported.Contains(r))
            {
                usedCoded.Add(c);
                usedReported.Add(r);
                matched.Add((c, r));
            }
        return matched;
    }
}
