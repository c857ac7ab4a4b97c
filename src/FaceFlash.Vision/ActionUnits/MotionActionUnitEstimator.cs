using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.ActionUnits;

/// <summary>
/// The built-in estimator. Landmark-anchored points (brows, lids, cheeks, nose, lips, chin, and the stable eye
/// corners and nose bridge) are found in each frame by pyramidal Lucas–Kanade optical flow from the face's reference
/// frame, starting from where they were in the previous frame. Measuring against the reference rather than chaining
/// frame to frame keeps sub-pixel motion from being lost or drifting at high frame rates, and flow is far steadier than
/// re-detected landmarks (micro-expressions move 1–3 px). <see cref="FaceMotionModel"/> removes the rigid head motion
/// and decomposes the rest into AUs. A point the flow loses is re-anchored on its FaceMesh landmark; when to start a
/// new reference is <see cref="ReferenceRetake"/>'s rule. Blinks (AU45) come from the landmarks' eye aperture
/// (<see cref="EyeClosure"/>). Flow runs on grey patches around the face (the reference patch cut once, the current one of the same
/// size cut around the face in each frame), so its cost follows the face's size, not the video's resolution. With
/// <see cref="FlowInput.Detail"/> it compares their detail (each less its blur), so that a slow change of light is
/// not read as motion.
/// </summary>
public sealed class MotionActionUnitEstimator : IActionUnitEstimator
{
    /// <summary>A flow point this far from its landmark (in eye-corner distances) has slipped off its feature.</summary>
    private const float MaxDriftFromLandmark = 0.12f;

    private const float FlowWindowPerEyeDistance = 0.12f;
    private const int PyramidLevels = 3;

    /// <summary>
    /// With <see cref="FlowInput.Detail"/>, the blur taken off each patch: about the flow window's scale. Against a
    /// reference seconds old, a slow change of light (daylight, auto-exposure, a head moving in a lamp's falloff)
    /// otherwise reads as motion: with the muscle generator's lighting drift (3–8 % gain, a left–right slope) the
    /// portrait's lip-corner AUs stood at 2–3 for seconds with nothing moving, which buried the real movements.
    /// Measured on the tuning sets (2026-12-04, eleventh session, brightness → detail, with the label's weighing of AU
    /// reach): muscle portrait micro 3/2/15 → 10/0/8 at 100 fps, macro 3/5/6 → 7/0/2; on the real talking faces
    /// muscle overlays micro 4/10/56 → 10/13/50 and blob overlays 10/9/50 → 8/5/52; untouched clips 4 → 4 flags — so
    /// it is the default. (On the tenth session's tuning set, whose GRID clips repeated three expressions, blob
    /// overlays had found fewer with it, and it was an option.) σ 0.05, 0.08, 0.16, 0.25 and 0.5 of the eye
    /// distance, a partial high-pass, detail over its local contrast, the log image and a local gain ratio were each
    /// worse on the real faces (docs/measurements-log.md).
    /// </summary>
    private const float DetailSigmaPerEyeDistance = FlowWindowPerEyeDistance;

    /// <summary>Patch side over the landmark region's (itself 1.5 × the face): room for the coarsest pyramid level's window.</summary>
    private const float PatchPerRegion = 1.25f;

    /// <summary>
    /// Largest eye-corner distance, in patch pixels, the flow works at: where the flow window (an eighth of it) reaches
    /// its 31 px ceiling. A larger face is shrunk by a whole factor (as <see cref="Faces.LandmarkPropagator"/>'s patch
    /// is), so the flow keeps its proportions and its cost stops growing with the face: at full resolution a 4K
    /// close-up (eye distance about 500 px) cost 47–53 ms a frame here, shrunk 16–19. Smaller faces are measured as
    /// before, to the bit; no tuning or held-out clip has a face this large (34–126 px).
    /// </summary>
    private const float MaxPatchEyeDistance = 256;

    // Lost points are re-anchored on their landmarks, so every point always contributes. (Leaving them out of the fit
    // instead was measured: it lost 1–2 of 15 synthetic macro-expressions at 30 and 100 fps, whose large movements
    // are when points get lost.)
    private static readonly bool[] AllValid = Enumerable.Repeat(true, FaceRegions.Tracked.Length).ToArray();

    private readonly Dictionary<int, FaceState> _faces = [];
    private readonly TermCriteria _criteria = new(CriteriaTypes.Count | CriteriaTypes.Eps, 30, 0.003);
    private readonly Mat _patch = new(); // the current frame's grey patch around the face
    private readonly Mat _fullPatch = new(); // a large face's grey patch before it is shrunk
    private readonly DetailFilter? _detail; // null when the flow compares brightness
    private readonly Mat _status = new(FaceRegions.Tracked.Length, 1, MatType.CV_8UC1);
    private readonly Mat _error = new(FaceRegions.Tracked.Length, 1, MatType.CV_32FC1);
    private readonly MatArgs _patchArgs, _fullPatchArgs, _statusArgs, _errorArgs;

    public MotionActionUnitEstimator(FlowInput input = FlowInput.Detail)
    {
        (_patchArgs, _fullPatchArgs) = (new MatArgs(_patch), new MatArgs(_fullPatch));
        (_statusArgs, _errorArgs) = (new MatArgs(_status), new MatArgs(_error));
        if (input == FlowInput.Detail) _detail = new DetailFilter();
        Name = _detail is null ? "motion" : "motion-detail";
    }

    private long _frameIndex = -1;
    private double _timestampMs;

    public string Name { get; }
    public ActionUnitSet Measures => ActionUnitSet.All;

    private sealed class FaceState : IDisposable
    {
        public readonly FaceMotionModel Model = new();
        public readonly Mat ReferenceGrey = new();
        public readonly FlowPyramid ReferencePyramid = new();

        /// <summary>
        /// Point positions (N × 1, two floats each) in the reference patch, and in the current patch (found by the
        /// flow, after the flow; the starting guesses before it).
        /// </summary>
        public readonly Mat ReferencePoints = new(FaceRegions.Tracked.Length, 1, MatType.CV_32FC2);
        public readonly Mat Current = new(FaceRegions.Tracked.Length, 1, MatType.CV_32FC2);
        public readonly MatArgs ReferenceGreyArgs, ReferencePointsArgs, CurrentArgs;
        public readonly Vector2[] Positions = new Vector2[FaceRegions.Tracked.Length];

        /// <summary>Where the reference patch was cut from the image; every current patch has its size.</summary>
        public Rect ReferencePatch;

        /// <summary>The patches' size once shrunk (<see cref="MaxPatchEyeDistance"/>), and that whole factor.</summary>
        public Size PatchSize;
        public int Shrink = 1;

        public FaceState() =>
            (ReferenceGreyArgs, ReferencePointsArgs, CurrentArgs) = (new MatArgs(ReferenceGrey), new MatArgs(ReferencePoints), new MatArgs(Current));
        public long LastFrame = -2;
        public double SeededAtMs;
        public HeadPose ReferencePose;
        public float ReferenceAperture;
        public bool Calm = true;

        public void Dispose()
        {
            ReferencePyramid.Dispose();
            ReferenceGreyArgs.Dispose();
            ReferencePointsArgs.Dispose();
            CurrentArgs.Dispose();
            ReferenceGrey.Dispose();
            ReferencePoints.Dispose();
            Current.Dispose();
        }
    }

    public void BeginFrame(Mat frame, long frameIndex, double timestampMs)
    {
        _frameIndex = frameIndex;
        _timestampMs = timestampMs;
    }

    public unsafe EstimateKind Estimate(Mat frame, FaceObservation face, Span<float> intensities)
    {
        if (!_faces.TryGetValue(face.FaceId, out var state)) _faces[face.FaceId] = state = new FaceState();
        var continuous = state.LastFrame == _frameIndex - 1 && state.Model.IsSeeded;
        state.LastFrame = _frameIndex;
        if (!continuous || ReferenceRetake.TurnedAway(state.ReferencePose, face.Pose) || ReferenceRetake.Aged(_timestampMs - state.SeededAtMs, state.Calm))
            return Seed(frame, state, face, intensities);

        var patch = PatchAround(face.Region.Centre, state.ReferencePatch.Size, frame);
        var patchToImage = ShrunkPatch.ToImage(patch, state.Shrink);
        Matrix3x2.Invert(patchToImage, out var imageToPatch);
        var current = (Vector2*)state.Current.DataPointer;
        for (var i = 0; i < FaceRegions.Tracked.Length; i++) current[i] = Vector2.Transform(current[i], imageToPatch);
        HotCv.GreyRegion(frame, patch, state.PatchSize, _patchArgs, _fullPatchArgs);
        _detail?.Apply(_patchArgs, DetailSigma(state));
        HotCv.CalcOpticalFlowPyrLK(state.ReferencePyramid, _patchArgs, state.ReferencePointsArgs, state.CurrentArgs, _statusArgs, _errorArgs,
            _criteria, OpticalFlowFlags.UseInitialFlow);
        var limit = MaxDriftFromLandmark * state.Model.EyeDistancePx;
        var lost = 0;
        var status = (byte*)_status.DataPointer;
        for (var i = 0; i < FaceRegions.Tracked.Length; i++)
        {
            var landmark = face.Point(FaceRegions.Tracked[i]);
            var p = Vector2.Transform(current[i], patchToImage);
            if (status[i] != 1 || !float.IsFinite(p.X) || Vector2.Distance(p, landmark) > limit)
            {
                p = landmark; // the flow lost this point: its landmark stands in
                lost++;
            }
            current[i] = state.Positions[i] = p;
        }
        if (ReferenceRetake.LostTooMany(lost, FaceRegions.Tracked.Length)) return Seed(frame, state, face, intensities);
        var rigid = state.Model.Measure(state.Positions, AllValid, intensities);
        if (ReferenceRetake.Resized(rigid.Scale * state.Model.EyeDistancePx)) state.LastFrame = -2; // retake next frame
        intensities[(int)ActionUnit.AU45] = EyeClosure.Intensity(EyeClosure.Aperture(face), state.ReferenceAperture);
        state.Calm = ReferenceRetake.Calm(intensities);
        return EstimateKind.Measured;
    }

    private static double DetailSigma(FaceState state) => DetailSigmaPerEyeDistance * PatchEyeDistance(state);

    private static float PatchEyeDistance(FaceState state) => state.Model.EyeDistancePx / state.Shrink;

    /// <summary>
    /// The flow window, about an eighth of the eye distance: small enough to see a lid or a lip corner move on its
    /// own (a larger window averages in the still skin around it), large enough to hold texture.
    /// </summary>
    private static Size FlowWindow(FaceState state)
    {
        var side = Math.Clamp((int)Math.Round(FlowWindowPerEyeDistance * PatchEyeDistance(state)) | 1, 7, 31);
        return new Size(side, side);
    }

    /// <summary>A patch of the given size centred on <paramref name="centre"/>, moved inside the image where needed.</summary>
    private static Rect PatchAround(Vector2 centre, Size size, Mat frame)
    {
        var x = Math.Clamp((int)MathF.Round(centre.X - size.Width / 2f), 0, frame.Width - size.Width);
        var y = Math.Clamp((int)MathF.Round(centre.Y - size.Height / 2f), 0, frame.Height - size.Height);
        return new Rect(x, y, size.Width, size.Height);
    }

    private unsafe EstimateKind Seed(Mat frame, FaceState state, FaceObservation face, Span<float> intensities)
    {
        var reference = (Vector2*)state.ReferencePoints.DataPointer;
        var current = (Vector2*)state.Current.DataPointer;
        for (var i = 0; i < FaceRegions.Tracked.Length; i++) state.Positions[i] = current[i] = face.Point(FaceRegions.Tracked[i]);
        state.Model.Seed(state.Positions);
        var shrink = state.Shrink = Math.Max(1, (int)MathF.Ceiling(state.Model.EyeDistancePx / MaxPatchEyeDistance));
        var side = (int)MathF.Ceiling(face.Region.Size * PatchPerRegion);
        var size = new Size(Math.Max(shrink, Math.Min(side, frame.Width) / shrink * shrink), Math.Max(shrink, Math.Min(side, frame.Height) / shrink * shrink));
        state.ReferencePatch = PatchAround(face.Region.Centre, size, frame);
        state.PatchSize = new Size(size.Width / shrink, size.Height / shrink);
        Matrix3x2.Invert(ShrunkPatch.ToImage(state.ReferencePatch, shrink), out var imageToPatch);
        for (var i = 0; i < FaceRegions.Tracked.Length; i++) reference[i] = Vector2.Transform(state.Positions[i], imageToPatch);
        HotCv.GreyRegion(frame, state.ReferencePatch, state.PatchSize, state.ReferenceGreyArgs, _fullPatchArgs);
        _detail?.Apply(state.ReferenceGreyArgs, DetailSigma(state));
        state.ReferencePyramid.Build(state.ReferenceGreyArgs, FlowWindow(state), PyramidLevels);
        state.SeededAtMs = _timestampMs;
        state.ReferencePose = face.Pose;
        state.ReferenceAperture = EyeClosure.ReferenceAperture(face);
        state.Calm = true;
        intensities.Clear();
        return EstimateKind.Restarted;
    }

    public void Forget(int faceId)
    {
        if (_faces.Remove(faceId, out var state)) state.Dispose();
    }

    public void Rebase(int faceId)
    {
        if (_faces.TryGetValue(faceId, out var state)) state.LastFrame = -2;
    }

    public void Dispose()
    {
        _patchArgs.Dispose();
        _fullPatchArgs.Dispose();
        _statusArgs.Dispose();
        _errorArgs.Dispose();
        _detail?.Dispose();
        _patch.Dispose();
        _fullPatch.Dispose();
        _status.Dispose();
        _error.Dispose();
        foreach (var state in _faces.Values) state.Dispose();
    }
}
