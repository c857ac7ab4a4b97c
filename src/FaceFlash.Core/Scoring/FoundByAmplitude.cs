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
        var found = clips.SelectMany(c => c.Matched).Select(m => (m.Truth, Found: true));
        var missed = clips.SelectMany(c => c.Missed).Select(t => (Truth: t, Found: false));
        return found.Concat(missed)
            .Where(x => x.Truth.Kind == kind && x.Truth.AmplitudePx > 0)
            .GroupBy(x => (int)Math.Floor(x.Truth.AmplitudePx))
            .OrderBy(g => g.Key)
            .Select(g => new AmplitudeBin(g.Key, g.Key + 1, g.Count(x => x.Found), g.Count()))
            .ToList();
    }
}
