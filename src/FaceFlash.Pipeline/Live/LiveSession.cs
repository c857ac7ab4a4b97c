using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Delivery;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Overlay;
using Serilog;

namespace FaceFlash.Pipeline.Live;

/// <summary>What a live session measured, written to <c>&lt;session&gt;.summary.json</c> and reported on exit.</summary>
public sealed record LiveReport(
    string Source,
    string Ended,
    long FramesRead,
    long FramesProcessed,
    long FramesDropped,
    double ProcessingFps,
    double? FrameLatencyP50Ms,
    double? FrameLatencyP99Ms,
    double? FrameLatencyMaxMs,
    int Events,
    int Blinks,
    double? EventLatencyP50Ms,
    double? EventLatencyMaxMs,
    int Recordings,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The raw camera recording and its timestamps (<c>--record</c>), when kept.</summary>
    public IReadOnlyList<string>? RawRecording { get; init; }

    /// <summary>Hand markers written to <c>&lt;session&gt;.markers.csv</c>.</summary>
    public int Markers { get; init; }

    /// <summary>A camera's mode: what was asked (<c>--camera-size</c> …; null: nothing) and what the camera delivers.</summary>
    public CameraModeReport? CameraMode { get; init; }

    /// <summary>Frames that could wait to be processed, the oldest dropped beyond them (<c>--channel-capacity</c>).</summary>
    public int QueueCapacity { get; init; }

    // What a batch summary also records, so a session's results can be read, compared and reported as a video's are.

    public string? FaceflashVersion { get; init; }
    public IReadOnlyDictionary<string, string>? Models { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string? TimeSource { get; init; }

    /// <summary>The rate frames came at, from their times.</summary>
    public double? FpsMeasured { get; init; }

    /// <summary>From the first frame's time to the last's.</summary>
    public double DurationS { get; init; }
    public string? MicroDefinition { get; init; }
    public string? ActionUnitEstimator { get; init; }
    public int MicroEvents { get; init; }
    public int MacroEvents { get; init; }
    public IReadOnlyDictionary<string, int>? EventsByEmotion { get; init; }
    public IReadOnlyDictionary<string, int>? NotReported { get; init; }

    /// <summary>
    /// Places where consecutive analysed frames lie further apart than a movement is followed across (the segmenter's
    /// <c>max_gap_ms</c>): frames dropped to keep up, or late from the source. The longest, in milliseconds, and the time
    /// of the frame before it, in seconds (as in the frames file).
    /// </summary>
    public int FrameGaps { get; init; }
    public double? LongestFrameGapMs { get; init; }
    public double? LongestFrameGapFromS { get; init; }

    /// <summary>
    /// Seconds the faces were followed, how often their AU references were retaken then, and the seconds of it in which
    /// no movement could be reported — live, the first second of each reference, while its levels form (as in a video's
    /// summary).
    /// </summary>
    public double FaceTimeS { get; init; }
    public int ReferenceRetakes { get; init; }
    public double UnmeasuredS { get; init; }

    /// <summary>The stretches <see cref="UnmeasuredS"/> adds up (as in a video's summary).</summary>
    public IReadOnlyList<UnmeasuredStretch> Unmeasured { get; init; } = [];

    /// <summary>The segmenter's settings, as live ran them (causal: no look-ahead).</summary>
    public SegmenterOptions? Segmenter { get; init; }
}

/// <param name="Fps">the rate the camera declares for the mode; the frames' own times say what it delivered</param>
public sealed record CameraModeReport(string? Asked, int Width, int Height, double Fps, string Format);

/// <summary>
/// A live session: a camera, stream, FIFO or real-time file through the same stages as batch analysis, but the input
/// channel keeps only the newest frames (the oldest waiting one is dropped and counted), so processing stays real-time.
/// Every processed frame's results and every event are kept. Events go to <c>&lt;session&gt;.events.csv</c> as they are
/// flagged; the overlay window (unless headless) shows them. With <see cref="LiveOptions.Record"/> every grabbed frame
/// is also kept, with its time, for re-analysis (<see cref="RecordingSource"/>).
/// </summary>
public static partial class LiveSession
{
    /// <summary>What follows a session's name in its markers file.</summary>
    public const string MarkersSuffix = "markers.csv";

    /// <summary>What follows a session's name in the N-th recording of its overlay (the <c>r</c> key).</summary>
    private static string OverlayRecordingSuffix(int n) => $"recording-{n}.avi";

    /// <summary>
    /// Whether a file is a recording of a session's overlay, <c>&lt;session&gt;.recording-N.avi</c> beside the session's
    /// summary: the camera's picture with the overlay painted on it, which a folder walk passes over (the raw recording,
    /// <c>--record</c>, is the one to analyse again).
    /// </summary>
    public static bool IsOverlayRecording(string file) =>
        OverlayRecordingName().Match(Path.GetFileName(file)) is { Success: true } m
        && File.Exists(new OutputPaths(Path.GetDirectoryName(file) ?? ".", m.Groups["session"].Value).Summary);

    /// <summary>
    /// A file in <paramref name="directory"/> that an earlier session named <paramref name="session"/> wrote — its
    /// results, markers, raw recording and timestamps, overlay recordings — or null: a session restarted under the same
    /// name would replace them. Other files that share the name (a coder's notes, a truth file) are not a session's.
    /// </summary>
    public static string? EarlierSessionFile(string directory, string session) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, session + ".*").FirstOrDefault(f => IsSessionFile(session, Path.GetFileName(f)))
            : null;

    private static bool IsSessionFile(string session, string fileName) =>
        OutputPaths.KindOf(session, fileName) is not null
        || new[] { "." + MarkersSuffix, RecordingSource.VideoSuffix, RecordingSource.TimestampsSuffix }
            .Any(suffix => fileName == session + suffix || fileName.StartsWith(session + suffix + ".", StringComparison.Ordinal))
        || OverlayRecordingName().Match(fileName) is { Success: true } m && m.Groups["session"].Value == session;

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<session>.+)\.recording-\d+\.avi$")]
    private static partial System.Text.RegularExpressions.Regex OverlayRecordingName();

    /// <param name="serve">makes a further viewer of the session (the browser control room), given its controls</param>
    public static async Task<LiveReport> RunAsync(ModelRepository models, LiveOptions options, CancellationToken cancel,
        Func<LiveControls, Task<IFrameSink>>? serve = null)
    {
        using var source = VideoSource.Open(options.Source, options.Analysis.ImageSequenceFps, paced: options.Realtime, captureFps: options.Analysis.CaptureFps,
            cameraMode: options.CameraMode, cancel: cancel);
        if (source.Kind is SourceKind.File or SourceKind.ImageSequence && !source.Paced)
            throw new SourceException($"{options.Source} is a recording: add --realtime to play it as a live source, or use faceflash analyze");
        var paths = new OutputPaths(options.OutputDirectory, options.SessionName);
        Directory.CreateDirectory(paths.Directory);
        var wall = new Core.Time.WallClock(Core.Time.MonotonicClock.Shared);
        using var recording = options.Record
            ? new RecordingSource(source, paths.Directory, options.SessionName, source.NominalFps, wall)
            : null;
        if (source.CameraFormat is { } format)
            Log.Information("Live session {Session} from {Source} ({Width}x{Height} at {Fps:0.##} fps, {Format})", options.SessionName, source.Description,
                source.Width, source.Height, source.NominalFps, format);
        else Log.Information("Live session {Session} from {Source} ({Width}x{Height})", options.SessionName, source.Description, source.Width, source.Height);
        if (source.CameraShortfall is { } shortfall) Log.Warning("{Camera}: {Shortfall}", source.Description, shortfall);

        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        // Live stays causal: no look-ahead, so a micro-expression is flagged within its bound.
        var analysis = options.Analysis with { Segmenter = options.Analysis.Segmenter with { LookAheadMs = 0 } };
        using var components = new AnalysisComponents(models, analysis);
        components.WarmUp(models, analysis);
        using var events = new EventsSink(new EventsCsvWriter(paths.Events, paths.Blinks, paths.Unreported));
        using var files = new FrameFiles(paths, analysis, components.FrameColumns, analysis.Faces.Camera.For(source.Width, source.Height), options.FramesCsv);

        var overlay = new LiveOverlay();
        AnalysisPipeline? pipeline = null;
        LiveMonitor? monitor = null;
        var json = options.JsonLines ? new JsonLinesWriter(Console.Out, wall) : null;
        using var markers = new MarkersWriter(paths.File(MarkersSuffix), wall);
        var controls = new LiveControls(quit.Cancel, () => monitor!.Paused = !monitor.Paused, () =>
            {
                components.ActionUnits.RequestRebase();
                Log.Information("Neutral baseline retaken");
            },
            () => monitor!.ToggleRecording(), markers, () => monitor?.CurrentFrame, json, () => pipeline?.Dropped ?? 0, wall);
        using var window = options.Headless ? null : new OverlayWindow(key =>
        {
            switch (key)
            {
                case OverlayKey.Quit: controls.Quit(); break;
                case OverlayKey.Pause: controls.TogglePause(); break;
                case OverlayKey.Mesh: overlay.ShowMesh = !overlay.ShowMesh; break;
                case OverlayKey.Record: controls.ToggleRecording(); break;
                case OverlayKey.Rebase: controls.Rebase(); break;
                case OverlayKey.Mark: controls.Mark(); break;
            }
        });
        var overlayRecordings = 0;
        monitor = new LiveMonitor(overlay, window, json, options.JsonLinesPerFrame, () => pipeline?.Dropped ?? 0, options.Analysis.Segmenter,
            () => paths.File(OverlayRecordingSuffix(++overlayRecordings)), options.SnapshotPath);
        using var _ = monitor;
        monitor.Rehearse(source.Width, source.Height);

        var viewer = serve is null ? null : await serve(controls).ConfigureAwait(false);
        var gaps = new FrameGapSink(analysis.Segmenter.MaxGapMs);
        var retakes = new ReferenceRetakeSink(analysis.Segmenter.MaxGapMs);
        IFrameSink[] sinks = [events, .. files.Sinks, gaps, retakes, .. new IFrameSink?[] { monitor, viewer }.OfType<IFrameSink>()];
        var queue = options.Analysis.Pipeline.ChannelCapacity ?? LiveOptions.DefaultQueueCapacity;
        pipeline = new AnalysisPipeline((IFrameSource?)recording ?? source, components.Stages, sinks, components.Observations,
            new PipelineOptions { ChannelCapacity = queue, Delivery = DeliveryPolicy.LatestMessage, MaxInFlight = 2 });
        var result = await pipeline.RunAsync(null, quit.Token).ConfigureAwait(false);
        recording?.Commit();
        markers.Commit();

        // The ELAN document links the session's own recording, or the file played; a camera, stream or image sequence left none.
        EventFormatFiles.Write(paths, recording?.VideoPath ?? source.PlayableFile, options.Analysis, events, files.TimeSeries, source.FirstImageNumber ?? 1,
            markers.Marks, components.Segmentation.Unmeasured);
        var ended = cancel.IsCancellationRequested ? "interrupted" : quit.IsCancellationRequested ? "quit" : "source ended";
        var warnings = new List<string>();
        if (source.CameraShortfall is { } missed) warnings.Add(missed);
        // Where the camera's own rate is too low to follow a movement, the resolution warning says so for every frame.
        if (!analysis.Segmenter.TooSlowToFollow(result.MeasuredFps) && gaps.Gaps.Warning("the analysis", "dropped to keep up, or late from the source") is { } missing)
            warnings.Add(missing);
        if (options.Analysis.Segmenter.ResolutionWarning(result.MeasuredFps) is { } w) warnings.Add(w);
        if (retakes.Retakes.Warning(components.Segmentation.UnmeasuredS) is { } retaken) warnings.Add(retaken);
        var report = new LiveReport(source.Description, ended, result.FramesRead, result.FramesWritten, result.FramesDropped,
            Math.Round(result.ThroughputFps, 1), Ms(monitor.FrameLatency.Percentile(50)), Ms(monitor.FrameLatency.Percentile(99)),
            Ms(monitor.FrameLatency.MaxMs, monitor.FrameLatency.Samples), events.Events.Count, events.Blinks.Count,
            Ms(monitor.EventLatency.Percentile(50)), Ms(monitor.EventLatency.MaxMs, monitor.EventLatency.Samples), monitor.Recordings, warnings)
        {
            RawRecording = recording is null ? null : [Path.GetFileName(recording.VideoPath), Path.GetFileName(recording.TimestampsPath)],
            Markers = markers.Count,
            QueueCapacity = queue,
            CameraMode = source.CameraFormat is { } delivered
                ? new CameraModeReport(options.CameraMode?.ToString(), source.Width, source.Height, source.NominalFps, delivered)
                : null,
            FaceflashVersion = VideoAnalysisJob.Build,
            Models = models.Manifest.Hashes(),
            Width = source.Width,
            Height = source.Height,
            TimeSource = source.TimeSource,
            FpsMeasured = result.MeasuredFpsRounded,
            DurationS = result.DurationS,
            MicroDefinition = analysis.MicroDefinition,
            ActionUnitEstimator = components.ActionUnits.Estimator.Name,
            MicroEvents = events.Micro,
            MacroEvents = events.Macro,
            EventsByEmotion = events.ByEmotion,
            NotReported = events.NotReportedByReason,
            FrameGaps = gaps.Gaps.Count,
            LongestFrameGapMs = gaps.LongestMs,
            LongestFrameGapFromS = gaps.LongestFromS,
            FaceTimeS = retakes.FaceTimeS,
            ReferenceRetakes = retakes.Retakes.Count,
            UnmeasuredS = components.Segmentation.UnmeasuredS,
            Unmeasured = components.Segmentation.Unmeasured,
            Segmenter = analysis.Segmenter,
        };
        AtomicFile.WriteAllText(paths.Summary, JsonSerializer.Serialize(report, JsonFiles.Options) + "\n");
        return report;
    }

    /// <summary>Milliseconds rounded for the report; null where nothing was measured.</summary>
    private static double? Ms(double value, long samples = 1) => samples == 0 || double.IsNaN(value) ? null : Math.Round(value, 1);
}
