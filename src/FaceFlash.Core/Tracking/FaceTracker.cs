using FaceFlash.Core.Detection;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tracking;

/// <summary>
/// Keeps face ids stable and decides when the detector must run: when nothing is tracked, when a face was just
/// lost, and every <see cref="TrackingPolicy.RedetectIntervalMs"/> to pick up new faces while fewer than
/// <see cref="TrackingPolicy.MaxFaces"/> are tracked. Between detections each
/// face's next crop comes from its own landmarks. A face found again soon after it was lost, where it was lost, gets
/// its id back (<see cref="TrackingPolicy.ReacquireWithinMs"/>). Pure bookkeeping: the models run elsewhere.
/// </summary>
public sealed class FaceTracker(TrackingPolicy policy)
{
    private readonly List<FaceTrack> _tracks = [];
    private readonly List<int> _merged = [];
    private readonly List<LostFace> _lost = [];
    private double _lastDetectionMs = double.NegativeInfinity;
    private bool _lostSinceDetection;
    private int _nextId;

    public TrackingPolicy Policy { get; } = policy;
    public IReadOnlyList<FaceTrack> Tracks => _tracks;

    public bool ShouldDetect(double timestampMs)
    {
        if (_lostSinceDetection) return true;
        // With every slot taken a detection could add no face: skip it (a one-participant session with --max-faces 1
        // then runs the detector only after losing the face). A lost track still forces one, above.
        if (_tracks.Count >= Policy.MaxFaces) return false;
        var interval = _tracks.Count == 0 ? Policy.SearchIntervalMs : Policy.RedetectIntervalMs;
        // A timestamp that goes backwards (a camera clock reset, a looped file) also forces a detection.
        var since = timestampMs - _lastDetectionMs;
        return since >= interval || since < 0;
    }

    /// <summary>Matches detections to tracks; unmatched detections start new tracks. Returns the new tracks.</summary>
    public List<FaceTrack> AddDetections(IReadOnlyList<FaceDetection> detections, double timestampMs)
    {
        _lastDetectionMs = timestampMs;
        _lostSinceDetection = false;
        _lost.RemoveAll(l => timestampMs - l.LostAtMs > Policy.ReacquireWithinMs || timestampMs < l.LostAtMs);
        var started = new List<FaceTrack>();
        foreach (var d in detections.OrderByDescending(d => d.Score))
        {
            var overlapsTrack = _tracks.Any(t => t.Box.IntersectionOverUnion(d.Box) >= Policy.SameFaceIou);
            if (overlapsTrack || _tracks.Count >= Policy.MaxFaces) continue;
            var track = new FaceTrack(ReacquiredId(d.Box) ?? _nextId++, FaceRegion.FromDetection(d)) { Box = d.Box };
            _tracks.Add(track);
            started.Add(track);
        }
        return started;
    }

    /// <summary>Moves a track on after its landmarks were found in this frame.</summary>
    public void Update(FaceTrack track, FaceRegion next, BoxF landmarkBox)
    {
        track.Region = next;
        track.Box = landmarkBox;
        track.Confirmed = true;
        // Found again: its id is taken for good. (A loop, not RemoveAll: a capturing lambda would allocate per face and frame.)
        for (var i = _lost.Count - 1; i >= 0; i--)
            if (_lost[i].Id == track.Id) _lost.RemoveAt(i);
    }

    /// <summary>
    /// Drops a track whose face is gone; when it was a face (not a proposal FaceMesh rejected at once), the next frame
    /// runs the detector, and the face's id and place are kept for a while to give back (<see cref="ReacquiredId"/>).
    /// A rejected proposal waits for the detector's usual interval: the detector would propose it
    /// again in the next frame, and FaceMesh reject it again — on the shared event video, whose small faces the back
    /// model proposes, that ran the detector and FaceMesh on most frames for nothing.
    /// </summary>
    public void Lose(FaceTrack track, double timestampMs)
    {
        _tracks.Remove(track);
        if (!track.Confirmed) return;
        _lostSinceDetection = true;
        _lost.Add(new LostFace(track.Id, track.Box, timestampMs));
    }

    private readonly record struct LostFace(int Id, BoxF Box, double LostAtMs);

    /// <summary>
    /// The id of the recently lost face this detection overlaps most, if any. It stays on the lost list until FaceMesh
    /// confirms the face (<see cref="Update"/>): a proposal FaceMesh rejects does not use it up.
    /// </summary>
    private int? ReacquiredId(BoxF detection)
    {
        int? best = null;
        var bestIou = Policy.SameFaceIou;
        foreach (var lost in _lost)
        {
            var iou = lost.Box.IntersectionOverUnion(detection);
            if (iou >= bestIou && !_tracks.Exists(t => t.Id == lost.Id)) (best, bestIou) = (lost.Id, iou);
        }
        return best;
    }

    /// <summary>Two tracks that have drifted onto the same face become one: the older id survives.</summary>
    /// <returns>the ids dropped (valid until the next call)</returns>
    public List<int> MergeDuplicates()
    {
        _merged.Clear();
        for (var i = _tracks.Count - 1; i > 0; i--)
            for (var j = 0; j < i; j++)
                if (_tracks[i].Box.IntersectionOverUnion(_tracks[j].Box) > 0.5f)
                {
                    _merged.Add(_tracks[i].Id);
                    _tracks.RemoveAt(i);
                    break;
                }
        return _merged;
    }
}
