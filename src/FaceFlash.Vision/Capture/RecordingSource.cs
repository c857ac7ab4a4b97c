using System.Globalization;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Time;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Keeps what a live session's camera delivered, every frame as grabbed (also those the live pipeline then drops):
/// <c>&lt;session&gt;.raw.avi</c> (MJPG at quality 95) and <c>&lt;session&gt;.timestamps.csv</c> — <c>frame</c> (1-based),
/// <c>timestamp_ms</c> (the originating time the session used), <c>wall_clock_utc</c> and <c>unix_ms</c> at grab —
/// so <c>faceflash analyze &lt;session&gt;.raw.avi</c> re-analyses the session with the same times. Both files are
/// written under temporary names and committed when the session ends.
/// </summary>
public sealed class RecordingSource : IFrameSource, IDisposable
{
    public const string VideoSuffix = ".raw.avi", TimestampsSuffix = ".timestamps.csv";

    private readonly IFrameSource _source;
    private readonly WallClock _wall;
    private readonly string _videoPath, _partialVideo;
    private readonly AtomicFile _timestamps;
    private readonly CsvRowWriter _row;
    private readonly VideoWriter _writer;

    public RecordingSource(IFrameSource source, string directory, string session, double fps, WallClock wall)
    {
        (_source, _wall) = (source, wall);
        _videoPath = Path.Combine(directory, session + VideoSuffix);
        _partialVideo = _videoPath + AtomicFile.PartialSuffix + ".avi"; // OpenCV picks the container from the extension
        _timestamps = new AtomicFile(Path.Combine(directory, session + TimestampsSuffix));
        _timestamps.Writer.Write(FrameTimeColumns.Header + "\n");
        _row = new CsvRowWriter(_timestamps.Writer);
        // The container's rate is nominal only: the true times are in the timestamps file.
        _writer = new VideoWriter(_partialVideo, FourCC.MJPG, fps > 0 ? fps : 30, new Size(source.Width, source.Height));
        if (!_writer.IsOpened()) throw new IOException($"cannot write {_partialVideo}");
        _writer.Set(VideoWriterProperties.Quality, 95);
    }

    public int Width => _source.Width;
    public int Height => _source.Height;
    public string VideoPath => _videoPath;
    public string TimestampsPath => _timestamps.Path;

    private long _frames;
    private double _firstMs, _lastMs;

    public FrameEnvelope? Read(Mat image)
    {
        if (_source.Read(image) is not { } envelope) return null;
        if (_frames++ == 0) _firstMs = envelope.OriginatingTimeMs;
        _lastMs = envelope.OriginatingTimeMs;
        _writer.Write(image);
        FrameTimeColumns.Write(_row, envelope, _wall);
        _row.EndRow();
        return envelope;
    }

    /// <summary>
    /// Closes both files and moves them to their final names. The video then declares the rate the camera delivered
    /// over the session, not the rate it was opened at (<see cref="AviFrameRate"/>), so a player — ELAN — shows each
    /// frame near its session time.
    /// </summary>
    public void Commit()
    {
        _writer.Release();
        if (_frames >= 2 && _lastMs > _firstMs) AviFrameRate.Set(_partialVideo, (_frames - 1) * 1000 / (_lastMs - _firstMs));
        File.Move(_partialVideo, _videoPath, overwrite: true);
        _timestamps.Commit();
    }

    public void Dispose()
    {
        _writer.Dispose();
        if (File.Exists(_partialVideo)) File.Delete(_partialVideo);
        _timestamps.Dispose();
    }

    /// <summary>
    /// The session's file of the given suffix beside its raw recording <paramref name="video"/> (<c>X.raw.avi</c> →
    /// <c>X&lt;suffix&gt;</c>); null when <paramref name="video"/> is no raw recording.
    /// </summary>
    public static string? SessionFile(string video, string suffix) =>
        video.EndsWith(VideoSuffix, StringComparison.Ordinal) ? video[..^VideoSuffix.Length] + suffix : null;

    /// <summary>
    /// The originating times recorded beside <paramref name="video"/> (<c>X.raw.avi</c> → <c>X.timestamps.csv</c>), or
    /// null when it has none. Throws <see cref="SourceException"/> when the file is there but unreadable.
    /// </summary>
    public static double[]? TimesFor(string video)
    {
        if (SessionFile(video, TimestampsSuffix) is not { } path || !File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != FrameTimeColumns.Header) throw new SourceException($"{path} is not a FaceFlash timestamps file");
        var times = new double[lines.Length - 1];
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out times[i - 1]))
                throw new SourceException($"{path} line {i + 1} has no timestamp");
        }
        return times;
    }
}
