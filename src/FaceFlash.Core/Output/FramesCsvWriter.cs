using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.frames.csv</c>: one row per frame and face, with OpenFace's column names where the concept is
/// shared, so OpenFace analysis scripts read it. A frame with no tracked face gets one row with face_id -1 and
/// success 0; unknown values are empty.
/// </summary>
public sealed class FramesCsvWriter : IDisposable
{
    private const string Coordinate = "0.###";
    private readonly AtomicFile _file;
    private readonly CsvRowWriter _row;
    private readonly IReadOnlyList<IFrameColumns> _extra;

    public FramesCsvWriter(string path, IReadOnlyList<IFrameColumns>? extraColumns = null)
    {
        _file = new AtomicFile(path);
        _row = new CsvRowWriter(_file.Writer);
        _extra = extraColumns ?? [];
        foreach (var name in Header(_extra)) _row.Field(name);
        _row.EndRow();
    }

    public static IEnumerable<string> Header(IReadOnlyList<IFrameColumns> extra)
    {
        string[] fixedColumns = ["frame", "face_id", "timestamp", "confidence", "success", "pose_Tx", "pose_Ty", "pose_Tz", "pose_Rx", "pose_Ry", "pose_Rz"];
        var n = FaceMeshTopology.PointCount;
        return fixedColumns
            // mp_: MediaPipe mesh points, not the iBUG-68 points OpenFace's x_0…x_67 name, which scripts would mistake them for.
            .Concat(Enumerable.Range(0, n).Select(i => $"mp_x_{i}"))
            .Concat(Enumerable.Range(0, n).Select(i => $"mp_y_{i}"))
            .Concat(Enumerable.Range(0, n).Select(i => $"mp_z_{i}"))
            .Concat(["iris_right_x", "iris_right_y", "iris_left_x", "iris_left_y"])
            .Concat(extra.SelectMany(e => e.Names));
    }

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
            foreach (var l in face.Landmarks) _row.Field(l.X, Coordinate);
            foreach (var l in face.Landmarks) _row.Field(l.Y, Coordinate);
            foreach (var l in face.Landmarks) _row.Field(l.Z, Coordinate);
            _row.Field(face.RightIris.X, Coordinate); _row.Field(face.RightIris.Y, Coordinate);
            _row.Field(face.LeftIris.X, Coordinate); _row.Field(face.LeftIris.Y, Coordinate);
        }
        else
        {
            for (var i = 0; i < 6 + 3 * FaceMeshTopology.PointCount + 4; i++) _row.Empty();
        }
        foreach (var e in _extra) e.Write(_row, frame, face);
        _row.EndRow();
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
