using System.Numerics;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// One frame in, every tracked face out: detection when the tracker asks for it; FaceMesh on a crop taken from each
/// face's previous landmarks when the face has changed shape or the refresh interval is up, otherwise the last
/// FaceMesh landmarks carried on by optical flow (<see cref="LandmarkPropagator"/>); iris and head pose. Holds the
/// models and reusable buffers for one pipeline stage.
/// </summary>
public sealed class FaceAnalyzer : IDisposable
{
    private readonly BlazeFaceModel _blazeFace;
    private readonly BlazeFaceModel? _fallbackBlazeFace;
    private readonly FaceMeshModel _faceMesh;
    private readonly IrisModel? _irisModel;
    private readonly FaceDetector _detector;
    private readonly FaceDetector? _fallback; // looks when _detector finds no face
    private readonly FaceLandmarker _landmarker;
    private readonly IrisLocator? _iris;
    private readonly HeadPoseEstimator _pose;
    private readonly LandmarkPropagator _propagator = new();
    private readonly AppearanceTracker _appearance = new();
    private readonly FaceTracker _tracker;
    private readonly Vector2[] _points2D = new Vector2[FaceMeshTopology.PointCount];
    private readonly List<FaceTrack> _pending = [];
    private static readonly Vector2 NotMeasured = new(float.NaN);

    public FaceAnalyzer(ModelRepository models, OnnxSessionSettings settings, FaceAnalyzerOptions options)
    {
        _blazeFace = new BlazeFaceModel(models, settings, options.DetectorModel, options.DetectionThreshold);
        if (options.FallbackDetectorModel is { } fallback)
        {
            _fallbackBlazeFace = new BlazeFaceModel(models, settings, fallback, options.DetectionThreshold);
            _fallback = new FaceDetector(_fallbackBlazeFace);
        }
        _faceMesh = new FaceMeshModel(models, settings, FaceMeshVariant.Named(options.LandmarkModel));
        _detector = new FaceDetector(_blazeFace);
        _landmarker = new FaceLandmarker(_faceMesh);
        if (options.Iris)
        {
            _irisModel = new IrisModel(models, settings);
            _iris = new IrisLocator(_irisModel);
        }
        _tracker = new FaceTracker(options.Tracking);
        _pose = new HeadPoseEstimator(options.Camera);
    }

    /// <summary>
    /// Runs every model once on blank input, so the first real frame does not pay for ONNX Runtime's first-run set-up
    /// (in live mode that would drop frames).
    /// </summary>
    public void WarmUp()
    {
        _blazeFace.Detect();
        _fallbackBlazeFace?.Detect();
        _faceMesh.Run();
        _irisModel?.Run();
    }

    /// <summary>How many frames ran the detector (tracking should keep this low).</summary>
    public long DetectorRuns { get; private set; }

    /// <summary>How many of those also ran the fallback detector (the front model having found no face).</summary>
    public long FallbackDetectorRuns { get; private set; }

    /// <summary>How many times FaceMesh ran (once per face per frame at most; flow carries the landmarks in between).</summary>
    public long LandmarkRuns { get; private set; }

    public IReadOnlyList<FaceTrack> Tracks => _tracker.Tracks;

    /// <summary>
    /// Analyses one frame: every face tracked or lost in this frame is added to <paramref name="faces"/> (lost ones
    /// with <see cref="FaceObservation.Success"/> false), filled into objects rented from <paramref name="pool"/>.
    /// </summary>
    public void Analyze(Mat frame, double timestampMs, Pool<FaceObservation> pool, List<FaceObservation> faces)
    {
        var detected = false;
        if (_tracker.ShouldDetect(timestampMs))
        {
            Detect(frame, timestampMs);
            detected = true;
        }
        _pending.Clear();
        _pending.AddRange(_tracker.Tracks);
        var lost = TrackAll(frame, timestampMs, pool, faces);
        if (lost && !detected)
        {
            // Re-acquire at once, in this frame, rather than leave a gap. New tracks are appended at the end.
            var before = _tracker.Tracks.Count;
            Detect(frame, timestampMs);
            _pending.Clear();
            for (var i = before; i < _tracker.Tracks.Count; i++) _pending.Add(_tracker.Tracks[i]);
            TrackAll(frame, timestampMs, pool, faces);
            ReacquiredFaces.DropTheirLosses(faces, pool);
        }
        foreach (var id in _tracker.MergeDuplicates())
        {
            var index = faces.FindIndex(f => f.FaceId == id);
            pool.Return(faces[index]);
            faces.RemoveAt(index);
        }
        _propagator.RetainOnly(_tracker.Tracks);
        _appearance.RetainOnly(_tracker.Tracks);
    }

    /// <summary>
    /// The fallback (back) model costs about 10 ms a run against the front model's 2: run in every frame while no
    /// face was in view, it made such stretches five times slower (a faceless 640 × 480 clip: 80–84 frames a second
    /// against 426–455). So it runs at most this often, and a small face coming into view waits for it at most this
    /// long.
    /// </summary>
    private const double FallbackIntervalMs = 250;

    private double _lastFallbackMs = double.NegativeInfinity;

    private void Detect(Mat frame, double timestampMs)
    {
        DetectorRuns++;
        var found = _detector.Detect(frame);
        var sinceFallback = timestampMs - _lastFallbackMs;
        if (found.Count == 0 && _fallback is not null && (sinceFallback >= FallbackIntervalMs || sinceFallback < 0))
        {
            _lastFallbackMs = timestampMs;
            FallbackDetectorRuns++;
            found = _fallback.Detect(frame);
        }
        _tracker.AddDetections(found, timestampMs);
    }

    private bool TrackAll(Mat frame, double timestampMs, Pool<FaceObservation> pool, List<FaceObservation> faces)
    {
        var lost = false;
        foreach (var track in _pending)
        {
            var face = pool.Rent();
            face.Clear();
            face.FaceId = track.Id;
            var carried = _propagator.TryCarry(track.Id, frame, timestampMs, _tracker.Policy, face.Landmarks, out var carriedConfidence);
            if (carried) face.Confidence = carriedConfidence;
            else
            {
                LandmarkRuns++;
                face.Confidence = _landmarker.Locate(frame, track.Region, face.Landmarks);
            }
            face.Success = face.Confidence >= _tracker.Policy.PresenceThreshold;
            if (!face.Success)
            {
                var wasFace = track.Confirmed;
                _tracker.Lose(track, timestampMs);
                // Found again, it starts from a fresh keyframe: its first landmarks come from the detector's rougher crop.
                _propagator.Forget(track.Id);
                lost |= wasFace;
                // A face that was tracked ends here with a row of its own; a proposal FaceMesh rejected at first
                // sight never was one, and the frame goes on without it (with no face at all, it is written as such:
                // face_id -1).
                if (wasFace) faces.Add(face);
                else pool.Return(face);
                continue;
            }
            for (var i = 0; i < _points2D.Length; i++) _points2D[i] = face.Point(i);
            var next = FaceRegion.FromLandmarks(_points2D, face.Point(FaceMeshTopology.RightEyeOuter), face.Point(FaceMeshTopology.LeftEyeOuter));
            face.Box = BoxF.Bounding(_points2D);
            face.Region = next;
            _tracker.Update(track, next, face.Box);
            if (!carried) _propagator.Remember(track.Id, frame, next, face.Landmarks, face.Confidence, timestampMs);
            // The reported confidence: FaceMesh's presence (near 1 whenever it sees a face) times how much the face still
            // looks like itself, which drops under occlusion, blur and turns.
            face.Confidence *= _appearance.Score(track.Id, frame, next);
            face.Pose = _pose.Estimate(face, frame.Width, frame.Height);
            (face.RightIris, face.LeftIris) = _iris?.Locate(frame, face) ?? (NotMeasured, NotMeasured);
            faces.Add(face);
        }
        return lost;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _fallback?.Dispose();
        _landmarker.Dispose();
        _appearance.Dispose();
        _iris?.Dispose();
        _pose.Dispose();
        _propagator.Dispose();
        _blazeFace.Dispose();
        _fallbackBlazeFace?.Dispose();
        _faceMesh.Dispose();
        _irisModel?.Dispose();
    }
}
