using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tracking;

/// <summary>
/// A face lost and found again in the same frame keeps its id (<see cref="FaceTracker"/>): its track goes on, so the
/// frame has one row for it — the found one — and not a lost one beside it.
/// </summary>
public static class ReacquiredFaces
{
    /// <summary>Removes (and returns to the pool) each lost face whose id was found again in this frame.</summary>
    public static void DropTheirLosses(List<FaceObservation> faces, Pool<FaceObservation> pool)
    {
        for (var i = faces.Count - 1; i >= 0; i--)
        {
            var lost = faces[i];
            if (lost.Success || !faces.Exists(f => f.Success && f.FaceId == lost.FaceId)) continue;
            pool.Return(lost);
            faces.RemoveAt(i);
        }
    }
}
