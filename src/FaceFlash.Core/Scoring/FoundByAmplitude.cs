namespace FaceFlash.Core.Scoring;

/// <summary>Of the expressions injected with an amplitude from <see cref="FromPx"/> up to <see cref="ToPx"/> pixels, how many were found.</summary>
public sealed record AmplitudeBin(int FromPx, int ToPx, int Found, int Injected);

/// <summary>
/// Found expressions by how far they moved the face (the truth's <c>amplitude_px</c>: the most-moved point at the apex),
/// in bins one pixel wide: how large a movement must be to be found, which one recall over every size hides. Only a
/// generated truth gives amplitudes; a human coding gives none, and then there are no bins.
/// </summary>
public static class FoundByAmplitude
{
    public static IReadOnlyList<AmplitudeBin> Of(IReadOnlyList<ClipMatches> clips, string kind)
    {
        var found = clips.SelectMany(c => c.Matched).Select(m => m.Truth).Where(t => t.Kind == kind && t.AmplitudePx > 0).Select(t => (t, true));
        var missed = clips.SelectMany(c => c.Missed).Where(t => t.Kind == kind && t.AmplitudePx > 0).Select(t => (t, false));
        return found.Concat(missed)
            .GroupBy(x => (int)Math.Floor(x.t.AmplitudePx))
            .OrderBy(g => g.Key)
            .Select(g => new AmplitudeBin(g.Key, g.Key + 1, g.Count(x => x.Item2), g.Count()))
            .ToList();
    }
}
