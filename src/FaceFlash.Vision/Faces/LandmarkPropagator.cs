using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// Finds <see cref="LandmarkCarrier.Probes"/> by pyramidal Lucas–Kanade flow from each face's keyframe (the frame
/// FaceMesh last ran on) and carries the landmarks on while the face only moves rigidly — about 0.1 ms against
/// FaceMesh's 4. Flow runs on a grey patch of the keyframe's face region (an axis-aligned view, shrunk when the face
/// is large, so its cost does not grow with the video's resolution), cut from every frame at the same place, so points
/// stay in one frame of reference. Measuring from the keyframe rather than frame to frame keeps the error from accumulating.
/// </summary>
public sealed class LandmarkPropagator : IDisposable
{
    /// <summary>Largest patch side: bigger faces are shrunk to this (flow needs texture, not resolution).</summary>
    private const int MaxPatchSide = 200;
    private static readonly Size FlowWindow = new(11, 11);
    private const int PyramidLevels = 2;

    private readonly TermCriteria _criteria = new(CriteriaTypes.Count | CriteriaTypes.Eps, 20, 0.01);
    private readonly Mat _grey = new();
    private readonly Mat _fullGrey = new();
    private readonly Mat _status = new(LandmarkCarrier.Probes.Length, 1, MatType.CV_8UC1);
    private readonly Mat _error = new(LandmarkCarrier.Probes.Length, 1, MatType.CV_32FC1);
    private readonly MatArgs _greyArgs, _fullGreyArgs, _statusArgs, _errorArgs;
    private readonly Dictionary<int, Keyframe> _keyframes = [];
    private readonly List<int> _stale = [];
    private readonly Vector2[] _atKeyframe = new Vector2[LandmarkCarrier.Probes.Length];
    private readonly Vector2[] _now = new Vector2[LandmarkCarrier.Probes.Length];

    public LandmarkPropagator()
    {
        (_greyArgs, _fullGreyArgs) = (new MatArgs(_grey), new MatArgs(_fullGrey));
        (_statusArgs, _errorArgs) = (new MatArgs(_status), new MatArgs(_error));
    }

    private sealed class Keyframe : IDisposable
    {
        public readonly Mat Grey = new();
        public readonly FlowPyramid Pyramid = new();

        /// <summary>Probe positions (patch pixels) in the keyframe and, as last found, in the current frame.</summary>
        public readonly Mat Points = new(LandmarkCarrier.Probes.Length, 1, MatType.CV_32FC2);
        public readonly Mat Found = new(LandmarkCarrier.Probes.Length, 1, MatType.CV_32FC2);
        public readonly MatArgs GreyArgs, PointsArgs, FoundArgs;
        public readonly Vector3[] Landmarks = new Vector3[FaceMeshTopology.PointCount];
        public Rect Region;
        public Size PatchSize;
        public Matrix3x2 PatchToImage;
        public float Confidence, EyeDistance;
        public double TimeMs;

        /// <summary>
        /// A new face's first FaceMesh ran on a crop from the detector's box, which is rougher than one from landmarks;
        /// carrying it would carry its error, so the next frame runs FaceMesh again.
        /// </summary>
        public bool Provisional;

        public Keyframe() => (GreyArgs, PointsArgs, FoundArgs) = (new MatArgs(Grey), new MatArgs(Points), new MatArgs(Found));

        public void Dispose()
        {
            Pyramid.Dispose();
            foreach (var args in new[] { GreyArgs, PointsArgs, FoundArgs }) args.Dispose();
            foreach (var m in new[] { Grey, Points, Found }) m.Dispose();
        }
    }

    /// <summary>Makes this frame the face's keyframe: FaceMesh has just given <paramref name="landmarks"/>.</summary>
    public unsafe void Remember(int faceId, Mat frame, FaceRegion region, ReadOnlySpan<Vector3> landmarks, float confidence, double timeMs)
    {
        var known = _keyframes.TryGetValue(faceId, out var key);
        if (!known) _keyframes[faceId] = key = new Keyframe();
        key!.Provisional = !known;
        PlacePatch(key, frame, region);
        Matrix3x2.Invert(key.PatchToImage, out var imageToPatch);
        HotCv.GreyRegion(frame, key.Region, key.PatchSize, key.GreyArgs, _fullGreyArgs);
        key.Pyramid.Build(key.GreyArgs, FlowWindow, PyramidLevels);
        var points = (Vector2*)key.Points.DataPointer;
        var found = (Vector2*)key.Found.DataPointer;
        for (var i = 0; i < LandmarkCarrier.Probes.Length; i++)
        {
            var p = landmarks[LandmarkCarrier.Probes[i]];
            points[i] = found[i] = Vector2.Transform(new Vector2(p.X, p.Y), imageToPatch);
        }
        landmarks.CopyTo(key.Landmarks);
        key.Confidence = confidence;
        key.EyeDistance = Vector2.Distance(Flat(landmarks[FaceMeshTopology.RightEyeOuter]), Flat(landmarks[FaceMeshTopology.LeftEyeOuter]));
        key.TimeMs = timeMs;
    }

    /// <summary>
    /// Carries the face's keyframe landmarks into <paramref name="landmarks"/> and returns true, or returns false when
    /// FaceMesh must run (no keyframe, refresh due, a probe lost or departing from the rigid motion).
    /// </summary>
    public unsafe bool TryCarry(int faceId, Mat frame, double timeMs, TrackingPolicy policy, Span<Vector3> landmarks, out float confidence)
    {
        confidence = 0;
        if (!_keyframes.TryGetValue(faceId, out var key) || key.Provisional) return false;
        var since = timeMs - key.TimeMs;
        if (LandmarkCarrier.MustRefresh(policy, since, 0, 0, key.EyeDistance)) return false; // due anyway: skip the flow

        HotCv.GreyRegion(frame, key.Region, key.PatchSize, _greyArgs, _fullGreyArgs);
        HotCv.CalcOpticalFlowPyrLK(key.Pyramid, _greyArgs, key.PointsArgs, key.FoundArgs, _statusArgs, _errorArgs,
            _criteria, OpticalFlowFlags.UseInitialFlow);
        var points = (Vector2*)key.Points.DataPointer;
        var found = (Vector2*)key.Found.DataPointer;
        var status = (byte*)_status.DataPointer;
        var lost = 0;
        for (var i = 0; i < LandmarkCarrier.Probes.Length; i++)
        {
            if (status[i] != 1 || !float.IsFinite(found[i].X) || !float.IsFinite(found[i].Y)) lost++;
            _atKeyframe[i] = Vector2.Transform(points[i], key.PatchToImage);
            _now[i] = Vector2.Transform(found[i], key.PatchToImage);
        }
        var (motion, departure) = LandmarkCarrier.Measure(_atKeyframe, _now);
        if (LandmarkCarrier.MustRefresh(policy, since, lost, departure, key.EyeDistance)) return false;
        LandmarkCarrier.Carry(motion, key.Landmarks, _now, landmarks);
        confidence = key.Confidence;
        return true;
    }

    /// <summary>Drops a lost face's keyframe.</summary>
    public void Forget(int faceId)
    {
        if (_keyframes.Remove(faceId, out var key)) key.Dispose();
    }

    /// <summary>Drops the keyframes of faces that are no longer tracked.</summary>
    public void RetainOnly(IReadOnlyList<FaceTrack> tracks)
    {
        UntrackedFaces.Find(_keyframes, tracks, _stale);
        foreach (var id in _stale) Forget(id);
    }

    /// <summary>
    /// The face region's axis-aligned bounds within the frame, and how a patch pixel maps to the image. A large face
    /// is shrunk by a whole factor (cropped to a multiple of it; <see cref="ShrunkPatch"/>).
    /// </summary>
    private static void PlacePatch(Keyframe key, Mat frame, FaceRegion region)
    {
        var b = region.AxisAlignedBounds;
        var x0 = Math.Clamp((int)MathF.Floor(b.X), 0, frame.Width - 1);
        var y0 = Math.Clamp((int)MathF.Floor(b.Y), 0, frame.Height - 1);
        var width = Math.Clamp((int)MathF.Ceiling(b.Right), x0 + 1, frame.Width) - x0;
        var height = Math.Clamp((int)MathF.Ceiling(b.Bottom), y0 + 1, frame.Height) - y0;
        var factor = Math.Max(1, (Math.Max(width, height) + MaxPatchSide - 1) / MaxPatchSide);
        width = Math.Max(factor, width / factor * factor);
        height = Math.Max(factor, height / factor * factor);
        key.Region = new Rect(x0, y0, width, height);
        key.PatchSize = new Size(width / factor, height / factor);
        key.PatchToImage = ShrunkPatch.ToImage(key.Region, factor);
    }

    private static Vector2 Flat(Vector3 p) => new(p.X, p.Y);

    public void Dispose()
    {
        foreach (var key in _keyframes.Values) key.Dispose();
        foreach (var args in new[] { _greyArgs, _fullGreyArgs, _statusArgs, _errorArgs }) args.Dispose();
        foreach (var m in new[] { _grey, _fullGrey, _status, _error }) m.Dispose();
    }
}
