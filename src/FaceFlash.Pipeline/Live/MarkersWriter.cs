using System.Globalization;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Time;

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

    public int Count { get; private set; }

    public void Mark(FrameEnvelope frame, string label)
    {
        lock (_lock)
        {
            var row = _row ??= new CsvRowWriter(_file.Writer);
            FrameTimeColumns.Write(row, frame, wall);
            row.Text(label);
            row.EndRow();
            _file.Writer.Flush();
            Count++;
        }
    }

    public void Commit()
    {
        lock (_lock) _file.Commit();
    }

    public void Dispose() => _file.Dispose();
}
