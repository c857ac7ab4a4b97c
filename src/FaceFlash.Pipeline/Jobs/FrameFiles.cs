using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// The files written frame by frame as an analysis goes: the frames CSV, OpenFace's layout (<c>--format openface</c>),
/// the aligned face images (<c>--format aligned</c>) and the AU curves an ELAN document links (<c>--format elan</c>).
/// One place for analyze and live, so that a format gives the same files in both (live wrote neither OpenFace's
/// layout nor the AU curves).
/// </summary>
public sealed class FrameFiles : IDisposable
{
    private readonly FramesCsvSink? _frames;
    private readonly OpenFaceCsvSink? _openFace;
    private readonly ElanTimeSeriesSink? _timeSeries;
    private readonly AlignedFacesSink? _aligned;
    private readonly OutputPaths _paths;

    /// <param name="framesCsv">whether to write the frames CSV (live writes it only with <c>--frames</c>)</param>
    /// <param name="camera">the camera the OpenFace layout's 3-D columns are given for</param>
    public FrameFiles(OutputPaths paths, AnalysisSettings settings, IReadOnlyList<IFrameColumns> frameColumns, PinholeCamera camera, bool framesCsv)
    {
        _paths = paths;
        try
        {
            if (framesCsv) _frames = new FramesCsvSink(new FramesCsvWriter(paths.Frames, settings.Landmarks, frameColumns));
            if (settings.Formats.Contains("openface")) _openFace = new OpenFaceCsvSink(new OpenFaceCsvWriter(paths.OpenFace, camera));
            if (settings.Formats.Contains("aligned")) _aligned = new AlignedFacesSink(paths.Aligned, settings.AlignedSize ?? FaceAlignment.DefaultSize);
            if (settings.Formats.Contains("elan")) _timeSeries = new ElanTimeSeriesSink(new ElanTimeSeriesWriter(paths.Directory, paths.Stem));
        }
        catch
        {
            Dispose(); // a later file failed to open: the earlier ones' temporaries go too
            throw;
        }
    }

    public IEnumerable<IFrameSink> Sinks => new IFrameSink?[] { _frames, _openFace, _aligned, _timeSeries }.OfType<IFrameSink>();

    /// <summary>The per-frame tables and the aligned faces' folder written, once committed (the AU curves: <see cref="TimeSeries"/>).</summary>
    public IEnumerable<string> Written
    {
        get
        {
            if (_frames is not null) yield return _paths.Frames;
            if (_openFace is not null) yield return _paths.OpenFace;
            if (_aligned is not null) yield return _paths.Aligned;
        }
    }

    /// <summary>The AU time series' configuration and CSVs, for the ELAN document to link (none without <c>--format elan</c>).</summary>
    public IReadOnlyList<string> TimeSeries => _timeSeries?.Writer.Files ?? [];

    public void Dispose()
    {
        _frames?.Dispose();
        _openFace?.Dispose();
        _aligned?.Dispose();
        _timeSeries?.Dispose();
    }
}
