using System.Globalization;
using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Reports;

/// <summary>
/// A frames CSV read back one frame at a time as the faces found in it — box, landmarks (when the CSV has them), iris
/// and AUs — so they can be drawn again. Only one frame's rows are held, so a long recording's file is never read
/// whole into memory; the face objects are reused from frame to frame.
/// </summary>
public sealed class FramesCsvFaces : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _name;
    private readonly int _columns, _frame, _faceId, _time, _success, _x, _y, _width, _height, _meshX, _meshY, _meshZ, _irisRightX, _status;
    private readonly (ActionUnit Au, int Index)[] _aus;
    private readonly List<FaceObservation> _faces = [];
    private readonly List<FaceObservation> _spare = [];
    private string[]? _pending; // the first row of the next frame, read while finding where this one ends
    private int _line = 1;

    public FramesCsvFaces(string path)
    {
        _name = Path.GetFileName(path);
        _reader = new StreamReader(path);
        var header = _reader.ReadLine()?.Split(',') ?? throw new FormatException($"{_name} is empty");
        _columns = header.Length;
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"{_name} has no column {name}");
        (_frame, _faceId, _time, _success) = (Column("frame"), Column("face_id"), Column("timestamp"), Column("success"));
        (_x, _y, _width, _height) = (Column("face_x"), Column("face_y"), Column("face_width"), Column("face_height"));
        // --landmarks xy leaves out z, --landmarks none the mesh.
        (_meshX, _meshY, _meshZ) = (Array.IndexOf(header, "mp_x_0"), Array.IndexOf(header, "mp_y_0"), Array.IndexOf(header, "mp_z_0"));
        _irisRightX = Array.IndexOf(header, "iris_right_x");
        _status = Array.IndexOf(header, "au_status");
        _aus = ActionUnitInfo.All.Select(a => (Au: a, Index: Array.IndexOf(header, $"{a}_r"))).Where(c => c.Index >= 0).ToArray();
        _pending = ReadRow();
    }

    /// <summary>Whether the file holds the landmarks' x and y (not with <c>--landmarks none</c>).</summary>
    public bool HasLandmarks => _meshX >= 0 && _meshY >= 0;

    /// <summary>The current frame's number (1-based, the CSV's <c>frame</c>), after <see cref="Next"/> returned true.</summary>
    public long Frame { get; private set; }

    public double TimestampMs { get; private set; }

    /// <summary>The faces tracked in the current frame (those with <c>success</c> 1).</summary>
    public IReadOnlyList<FaceObservation> Faces => _faces;

    /// <summary>Whether rows follow the current frame's.</summary>
    public bool HasMore => _pending is not null;

    /// <summary>Reads the next frame's rows; false at the end of the file.</summary>
    public bool Next()
    {
        if (_pending is not { } first) return false;
        _spare.AddRange(_faces);
        _faces.Clear();
        Frame = long.Parse(first[_frame], CultureInfo.InvariantCulture);
        TimestampMs = Number(first[_time]) * 1000;
        for (var row = first; row is not null && long.Parse(row[_frame], CultureInfo.InvariantCulture) == Frame; row = _pending = ReadRow())
            if (row[_success] == "1") _faces.Add(Face(row));
        return true;
    }

    private string[]? ReadRow()
    {
        if (_reader.ReadLine() is not { } line) return null;
        _line++;
        var fields = line.Split(',');
        if (fields.Length != _columns) throw ResultSet.CutShort(_name, _line, fields.Length, _columns);
        return fields;
    }

    private FaceObservation Face(string[] row)
    {
        FaceObservation face;
        if (_spare.Count > 0)
        {
            face = _spare[^1];
            _spare.RemoveAt(_spare.Count - 1);
        }
        else face = new FaceObservation();
        face.Clear();
        face.Success = true;
        face.FaceId = int.Parse(row[_faceId], CultureInfo.InvariantCulture);
        face.Box = new BoxF((float)Number(row[_x]), (float)Number(row[_y]), (float)Number(row[_width]), (float)Number(row[_height]));
        if (HasLandmarks)
            for (var i = 0; i < FaceMeshTopology.PointCount; i++)
                face.Landmarks[i] = new Vector3((float)Number(row[_meshX + i]), (float)Number(row[_meshY + i]), _meshZ >= 0 ? (float)Number(row[_meshZ + i]) : 0);
        if (_irisRightX >= 0 && row[_irisRightX].Length > 0)
        {
            face.RightIris = new Vector2((float)Number(row[_irisRightX]), (float)Number(row[_irisRightX + 1]));
            face.LeftIris = new Vector2((float)Number(row[_irisRightX + 2]), (float)Number(row[_irisRightX + 3]));
        }
        face.AuStatus = _status >= 0 && row[_status] == "measured" ? ActionUnitStatus.Measured : ActionUnitStatus.Unavailable;
        var valid = 0u; // a lab's partial AU model leaves the AUs it does not measure empty
        foreach (var (au, index) in _aus)
        {
            if (row[index].Length == 0) continue;
            face.ActionUnits[(int)au] = (float)Number(row[index]);
            valid |= 1u << (int)au;
        }
        face.AuValid = face.AuStatus == ActionUnitStatus.Measured ? new ActionUnitSet(valid) : ActionUnitSet.None;
        return face;
    }

    private double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"{_name} line {_line}: '{text}' is not a number");

    public void Dispose() => _reader.Dispose();
}
