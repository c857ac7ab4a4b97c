using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>Which landmark coordinates the frames CSV holds: most of its size (1404 of its columns with all three).</summary>
public enum LandmarkColumns
{
    /// <summary>x, y and z of the 468 mesh points.</summary>
    Mesh,

    /// <summary>x and y only.</summary>
    Xy,

    /// <summary>None: the face box, pose, AUs and the rest stay.</summary>
    None,
}

/// <summary>
/// <c>&lt;stem&gt;.frames.csv</c>: one row per frame and face, with OpenFace's column names where the concept is
/// shared, so OpenFace analysis scripts read it. A frame with no tracked face gets one row with face_id -1 and
/// success 0; unknown values are empty.
/// </summary>
public sealed class FramesCsvWriter : IDisposable
{
    private const string Coordinate = "0.###";
    /// <summary>The columns every row fills, a frame without a face too: frame, face_id, timestamp, confidence, success.</summary>
    private const int AlwaysWritten = 5;

    private static readonly string[] FixedColumns =
        ["frame", "face_id", "timestamp", "confidence", "success", "pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz",
         "face_x", "face_y", "face_width", "face_height"];

    private readonly AtomicFile _file;
    private readonly CsvRowWriter _row;
    private readonly LandmarkColumns _landmarks;
    private readonly IReadOnlyList<IFrameColumns> _extra;

    public FramesCsvWriter(string path, LandmarkColumns landmarks = LandmarkColumns.Mesh, IReadOnlyList<IFrameColumns>? extraColumns = null)
    {
        _file = new AtomicFile(path);
        _row = new CsvRowWriter(_file.Writer);
        _landmarks = landmarks;
        _extra = extraColumns ?? [];
        foreach (var name in Header(landmarks, _extra)) _row.Field(name);
        _row.EndRow();
    }

    public static IEnumerable<string> Header(LandmarkColumns landmarks, IReadOnlyList<IFrameColumns> extra) =>
        FixedColumns
            // mp_: MediaPipe mesh points, not the iBUG-68 points OpenFace's x_0…x_67 name, which scripts would mistake them for.
            .Concat(Axes(landmarks).SelectMany(axis => Enumerable.Range(0, FaceMeshTopology.PointCount).Select(i => $"mp_{axis}_{i}")))
            .Concat(["iris_right_x", "iris_right_y", "iris_left_x", "iris_left_y"])
            .Concat(extra.SelectMany(e => e.Names));

    private static string[] Axes(LandmarkColumns landmarks) => landmarks switch
    {
        LandmarkColumns.Mesh => ["x", "y", "z"],
        LandmarkColumns.Xy => ["x", "y"],
        _ => [],
    };

    public void Write(FrameAnalysis frame)
    {
        foreach (var face in frame.Faces) WriteFace(frame, face);
        if (frame.Faces.Count == 0) WriteFace(frame, null);
    }

    private void WriteFace(FrameAnalysis frame, FaceObservation? face)
    {
        _row.Field(frame.Index + 1);
        _row.Field(face?.FaceId ?? -1);
        _row.Field(frame.TimestampMs / 1000.0, "0.######");
        _row.Field(face?.Confidence ?? 0, "0.###");
        _row.Field(face is { Success: true } ? 1 : 0);
        if (face is { Success: true })
        {
            var p = face.Pose;
            _row.Field(p.Tx, "0.#"); _row.Field(p.Ty, "0.#"); _row.Field(p.Tz, "0.#");
            _row.Field(p.Rx, "0.####"); _row.Field(p.Ry, "0.####"); _row.Field(p.Rz, "0.####");
            WriteBox(face.Landmarks);
            if (_landmarks != LandmarkColumns.None)
            {
                foreach (var l in face.Landmarks) _row.Field(l.X, Coordinate);
                foreach (var l in face.Landmarks) _row.Field(l.Y, Coordinate);
            }
            if (_landmarks == LandmarkColumns.Mesh)
                foreach (var l in face.Landmarks) _row.Field(l.Z, Coordinate);
            _row.Field(face.RightIris.X, Coordinate); _row.Field(face.RightIris.Y, Coordinate);
            _row.Field(face.LeftIris.X, Coordinate); _row.Field(face.LeftIris.Y, Coordinate);
        }
        else
        {
            var empty = FixedColumns.Length - AlwaysWritten + Axes(_landmarks).Length * FaceMeshTopology.PointCount + 4; // + the iris
            for (var i = 0; i < empty; i++) _row.Empty();
        }
        foreach (var e in _extra) e.Write(_row, frame, face);
        _row.EndRow();
    }

    /// <summary>The landmarks' bounding box in pixels, so a face can be found (and cut out) without the mesh columns.</summary>
    private void WriteBox(ReadOnlySpan<System.Numerics.Vector3> landmarks)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var l in landmarks)
            (minX, maxX, minY, maxY) = (MathF.Min(minX, l.X), MathF.Max(maxX, l.X), MathF.Min(minY, l.Y), MathF.Max(maxY, l.Y));
        _row.Field(minX, Coordinate); _row.Field(minY, Coordinate);
        _row.Field(maxX - minX, Coordinate); _row.Field(maxY - minY, Coordinate);
    }

    /// <summary>Renames the finished file into place.</summary>
    public void Commit() => _file.Commit();

    public void Dispose() => _file.Dispose();
}

/// <summary>Columns another stage adds to the frames CSV (for example action units), written after the fixed ones.</summary>
public interface IFrameColumns
{
    IReadOnlyList<string> Names { get; }

    /// <summary>Writes exactly <see cref="Names"/>.Count fields; <paramref name="face"/> is null for a frame with no face.</summary>
    void Write(CsvRowWriter row, FrameAnalysis frame, FaceObservation? face);
}
