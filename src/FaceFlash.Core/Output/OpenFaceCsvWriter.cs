using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.openface.csv</c>: OpenFace 2.2 FeatureExtraction's layout, column for column and with its ", "
/// separators, so scripts written for OpenFace (py-feat's <c>read_openface</c>, R analyses of <c>x_48…x_54</c>) read
/// it unchanged. What each column holds here — measured, approximated or left empty — is tabled in the README:
/// the 68 points are mesh points at the iBUG positions (<see cref="Ibug68"/>), 3-D points are the mesh back-projected
/// at the head's depth, eyes and gaze come from <see cref="EyeModel"/>, AU28 from <see cref="LipSuck"/>, and the
/// PDM parameters <c>p_*</c> (OpenFace's own shape model) are empty. A row whose face was not tracked has success 0
/// and zeros, as OpenFace writes it.
/// </summary>
public sealed class OpenFaceCsvWriter : IDisposable
{
    private const int EyePoints = 2 * EyeModel.PointCount;
    private const int ShapeParameters = 34;
    private static readonly string[] Pose = ["pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"];
    private static readonly ActionUnit[] Present = ActionUnitInfo.Bilateral;

    /// <summary>OpenFace's presence columns: the bilateral AUs with AU28 between AU26 and AU45.</summary>
    private static readonly string[] PresenceColumns =
        [.. Present.Where(a => a < ActionUnit.AU45).Select(a => a.ToString()), "AU28", nameof(ActionUnit.AU45)];

    private readonly AtomicFile _file;
    private readonly CsvRowWriter _row;
    private readonly PinholeCamera _camera;
    private readonly Vector2[] _eye2D = new Vector2[EyePoints];
    private readonly Vector3[] _eye3D = new Vector3[EyePoints];
    private readonly Vector3[] _ibug3D = new Vector3[Ibug68.Count];

    public OpenFaceCsvWriter(string path, PinholeCamera camera)
    {
        _file = new AtomicFile(path);
        _row = new CsvRowWriter(_file.Writer, ", ");
        _camera = camera;
        foreach (var name in Header) _row.Field(name);
        _row.EndRow();
    }

    // After PresenceColumns, which it reads: static fields are initialised in the order they are written.
    public static IReadOnlyList<string> Header { get; } = BuildHeader();

    private static List<string> BuildHeader()
    {
        static IEnumerable<string> Numbered(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}_{i}");
        List<string> h = ["frame", "face_id", "timestamp", "confidence", "success",
            "gaze_0_x", "gaze_0_y", "gaze_0_z", "gaze_1_x", "gaze_1_y", "gaze_1_z", "gaze_angle_x", "gaze_angle_y"];
        foreach (var axis in new[] { "x", "y", "X", "Y", "Z" }) h.AddRange(Numbered($"eye_lmk_{axis}", EyePoints));
        h.AddRange(Pose);
        foreach (var axis in new[] { "x", "y", "X", "Y", "Z" }) h.AddRange(Numbered(axis, Ibug68.Count));
        h.AddRange(["p_scale", "p_rx", "p_ry", "p_rz", "p_tx", "p_ty", .. Numbered("p", ShapeParameters)]);
        h.AddRange(ActionUnitInfo.Bilateral.Select(a => $"{a}_r"));
        h.AddRange(PresenceColumns.Select(a => $"{a}_c"));
        return h;
    }

    public void Write(FrameAnalysis frame)
    {
        foreach (var face in frame.Faces) WriteFace(frame, face);
        if (frame.Faces.Count == 0) WriteFace(frame, null);
    }

    private void WriteFace(FrameAnalysis frame, FaceObservation? face)
    {
        _row.Field(frame.Index + 1);
        _row.Field(face?.FaceId ?? 0);
        _row.Field(frame.TimestampMs / 1000.0, "0.###");
        _row.Field(face?.Confidence ?? 0, "0.##");
        if (face is { Success: true } && FitEyes(face, out var gaze0, out var gaze1))
        {
            _row.Field(1);
            WriteTracked(face, gaze0, gaze1);
        }
        else
        {
            _row.Field(0);
            for (var i = 5; i < Header.Count; i++) _row.Field(0);
        }
        _row.EndRow();
    }

    private bool FitEyes(FaceObservation face, out Vector3 gaze0, out Vector3 gaze1)
    {
        gaze1 = default;
        return EyeModel.Fit(face, _camera, EyeModel.Eye.ImageLeft, _eye2D.AsSpan(0, EyeModel.PointCount), _eye3D.AsSpan(0, EyeModel.PointCount), out gaze0)
            && EyeModel.Fit(face, _camera, EyeModel.Eye.ImageRight, _eye2D.AsSpan(EyeModel.PointCount), _eye3D.AsSpan(EyeModel.PointCount), out gaze1);
    }

    private void WriteTracked(FaceObservation face, Vector3 gaze0, Vector3 gaze1)
    {
        Direction(gaze0);
        Direction(gaze1);
        var (angleX, angleY) = EyeModel.Angles(gaze0, gaze1);
        _row.Field(angleX, "0.###"); _row.Field(angleY, "0.###");
        foreach (var p in _eye2D) _row.Field(p.X, "0.#");
        foreach (var p in _eye2D) _row.Field(p.Y, "0.#");
        foreach (var p in _eye3D) _row.Field(p.X, "0.#");
        foreach (var p in _eye3D) _row.Field(p.Y, "0.#");
        foreach (var p in _eye3D) _row.Field(p.Z, "0.#");

        var pose = face.Pose;
        _row.Field(pose.Tx, "0.#"); _row.Field(pose.Ty, "0.#"); _row.Field(pose.Tz, "0.#");
        _row.Field(pose.Rx, "0.###"); _row.Field(pose.Ry, "0.###"); _row.Field(pose.Rz, "0.###");

        foreach (var i in Ibug68.MeshIndex) _row.Field(face.Landmarks[i].X, "0.#");
        foreach (var i in Ibug68.MeshIndex) _row.Field(face.Landmarks[i].Y, "0.#");
        for (var i = 0; i < Ibug68.Count; i++) _ibug3D[i] = _camera.BackProject(face.Landmarks[Ibug68.MeshIndex[i]], pose.Tz);
        foreach (var p in _ibug3D) _row.Field(p.X, "0.#");
        foreach (var p in _ibug3D) _row.Field(p.Y, "0.#");
        foreach (var p in _ibug3D) _row.Field(p.Z, "0.#");
        for (var i = 0; i < 6 + ShapeParameters; i++) _row.Empty();

        var valid = face.AuStatus == ActionUnitStatus.Unavailable ? ActionUnitSet.None : face.AuValid;
        foreach (var au in Present) ActionUnitColumns.Intensity(_row, face, valid, au);
        foreach (var au in Present)
        {
            if (au == ActionUnit.AU45) _row.Field(LipSuck.Present(face) ? 1 : 0);
            ActionUnitColumns.Presence(_row, face, valid, au);
        }
    }

    private void Direction(Vector3 unit)
    {
        _row.Field(unit.X, "0.######"); _row.Field(unit.Y, "0.######"); _row.Field(unit.Z, "0.######");
    }

    /// <summary>Renames the finished file into place.</summary>
    public void Commit() => _file.Commit();

    public void Dispose() => _file.Dispose();
}
