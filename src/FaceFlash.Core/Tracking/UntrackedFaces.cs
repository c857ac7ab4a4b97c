namespace FaceFlash.Core.Tracking;

/// <summary>Per-face state kept by a stage (keyframes, references) whose face is no longer tracked: to be released.</summary>
public static class UntrackedFaces
{
    /// <summary>Fills <paramref name="stale"/> with the keys of <paramref name="state"/> no track has; no allocation.</summary>
    public static void Find<T>(Dictionary<int, T> state, IReadOnlyList<FaceTrack> tracks, List<int> stale)
    {
        stale.Clear();
        foreach (var id in state.Keys)
        {
            var tracked = false;
            for (var i = 0; i < tracks.Count; i++) tracked |= tracks[i].Id == id;
            if (!tracked) stale.Add(id);
        }
    }
}
