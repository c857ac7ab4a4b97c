using System.Globalization;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Time;
using FaceFlash.Vision.Capture;

namespace FaceFlash.Pipeline.Live;

/// <summary>
/// Hand markers of a live session, <c>&lt;session&gt;.markers.csv</c>: <c>frame,timestamp_ms,wall_clock_utc,unix_ms,label</c>
/// — the frame on screen when the experimenter pressed mark, on the same times as the events and the raw recording.
/// Thread-safe (the window, the page and the pipeline call it); committed with the session.
/// </summary>
public sealed class MarkersWriter(string path, WallClock wall) : IDisposable
{
    public const string Header = FrameTimeColumns.Header + ",label";

    private readonly AtomicFile _file = Created(path);
    private readonly Lock _lock = new();

    private CsvRowWriter? _row;

    private static AtomicFile Created(string path)
    {
        var file = new AtomicFile(path);
        file.Writer.Write(Header + "\n");
        return file;
    }

    private readonly List<HandMarker> _marks = [];

    public int Count
    {
        get { lock (_lock) return _marks.Count; }
    }

    /// <summary>The markers so far, in the order they were made.</summary>
    public IReadOnlyList<HandMarker> Marks
    {
        get { lock (_lock) return [.. _marks]; }
    }

    public void Mark(FrameEnvelope frame, string label)
    {
        lock (_lock)
        {
            var row = _row ??= new CsvRowWriter(_file.Writer);
            FrameTimeColumns.Write(row, frame, wall);
            row.Text(label);
            row.EndRow();
            _file.Writer.Flush();
            _marks.Add(new HandMarker(frame.OriginatingTimeMs, label));
        }
    }

    /// <summary>
    /// The markers of the session whose raw recording <paramref name="video"/> is (<c>X.raw.avi</c> →
    /// <c>X.markers.csv</c>), so that its re-analysis puts them in its ELAN document too; none when there is no such
    /// file. Throws <see cref="SourceException"/> when the file is there but is not a markers file.
    /// </summary>
    public static IReadOnlyList<HandMarker> ReadBeside(string video)
    {
        if (RecordingSource.SessionFile(video, "." + LiveSession.MarkersSuffix) is not { } path || !File.Exists(path)) return [];
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header) throw new SourceException($"{path} is not a FaceFlash markers file");
        var markers = new List<HandMarker>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            // The label is the last field and may hold commas (quoted, its quotes doubled); the four before it do not.
            var fields = lines[i].Split(',', 5);
            if (fields.Length < 5 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                throw new SourceException($"{path} line {i + 1} is not a marker");
            var label = fields[4].Length > 1 && fields[4][0] == '"' ? fields[4][1..^1].Replace("\"\"", "\"") : fields[4];
            markers.Add(new HandMarker(ms, label));
        }
        return markers;
    }

    public void Commit()
    {
        lock (_lock) _file.Commit();
    }

    public void Dispose() => _file.Dispose();
}
