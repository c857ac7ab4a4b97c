using System.Reflection;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Output;
using FaceFlash.Models.Runtime;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Time;
using FaceFlash.Vision.Capture;
using Serilog;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// Analyses one recorded input end to end: opens it, runs the pipeline, writes the frames CSV and the summary.
/// Bad input fails with a <see cref="SourceException"/> before anything is written.
/// </summary>
public static class VideoAnalysisJob
{
    public static string Version { get; } = Build.Split('+')[0];

    /// <summary>The version with the commit it was built from (<c>0.1.0+abc1234</c>): two builds differ even when the version does not.</summary>
    public static string Build => typeof(VideoAnalysisJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static Task<RunSummary?> RunAsync(string input, ModelRepository models, AnalysisSettings settings,
        Action<VideoSource>? started, IProgress<PipelineProgress>? progress, CancellationToken cancel) =>
        RunAsync(input, OutputPaths.For(input, settings.OutputDirectory), models, settings, started, progress, cancel);

    /// <summary>The run's summary, or null when it was cancelled and, as its settings asked, nothing was committed.</summary>
    public static async Task<RunSummary?> RunAsync(string input, OutputPaths paths, ModelRepository models, AnalysisSettings settings,
        Action<VideoSource>? started, IProgress<PipelineProgress>? progress, CancellationToken cancel)
    {
        using var source = Open(input, settings, cancel);
        // Said before anything is written, where the file says how long it is.
        if (settings.Range is { } range && settings.FramesToAnalyse(source) == 0)
            throw new SourceException($"{input} has no frame {range}: it lasts about {source.FrameCount / source.RealTimeFps:0.#} s");
        if (settings.MirrorCheck && source.Kind is not (SourceKind.File or SourceKind.ImageSequence))
            throw new SourceException($"{input}: --mirror-check reads a recording twice, and a stream, pipe or camera can be read only once: record it to a file first");
        // A live session's raw recording brings its hand markers, for its ELAN document (read now: a damaged file is said before the work).
        var markers = settings.Formats.Contains("elan") ? Live.MarkersWriter.ReadBeside(input) : [];
        Directory.CreateDirectory(paths.Directory);
        started?.Invoke(source);
        // A stream, or a file recorded in a browser (WebM without a duration), does not say how many frames it holds.
        Log.Information("Analysing {Input}: {Width}x{Height}, {Fps:0.##} fps nominal, {Frames:l} frames", input, source.Width, source.Height, source.NominalFps,
            source.FrameCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown number of");
        if (source.PixelAspect != 1)
            Log.Information("{Input} has non-square pixels ({PixelAspect:0.###}:1): frames are stretched to {Width}x{Height} square pixels, and coordinates are written in those", input, source.PixelAspect, source.Width, source.Height);

        Mirror.MirroredPass? mirror = null;
        if (settings.MirrorCheck)
        {
            mirror = await AnalyseMirrored(input, models, settings, progress, cancel).ConfigureAwait(false);
            if (mirror is null) return null; // interrupted before the analysis itself: nothing to write
        }

        using var components = new AnalysisComponents(models, settings);
        using var files = new FrameFiles(paths, settings, components.FrameColumns, settings.Faces.Camera.For(source.Width, source.Height), framesCsv: true);
        var counts = new FaceCountSink();
        var gaps = new FrameGapSink(settings.Segmenter.MaxGapMs);
        var retakes = new ReferenceRetakeSink(settings.Segmenter.MaxGapMs);
        using var events = new EventsSink(new EventsCsvWriter(paths.Events, paths.Blinks, paths.Unreported));
        IFrameSink[] sinks = [.. files.Sinks, counts, gaps, retakes, events];
        var frames = InRange(source, settings);
        IReadOnlyList<Stages.IFrameStage> stages = mirror is null ? components.Stages : [.. components.Stages, new Mirror.MirrorCheckStage(mirror.Agreement)];
        var pipeline = new AnalysisPipeline(frames, stages, sinks, components.Observations, settings.Pipeline);
        var result = await pipeline.RunAsync(mirror is null ? progress : new Mirror.SecondPassProgress(progress, mirror.Pass), cancel).ConfigureAwait(false);
        // With --mirror-check the run took both analyses' time.
        var wallMs = result.WallMs + (mirror?.Pass.WallMs ?? 0);
        if (!result.Committed) return null;

        List<string> outputs = [.. files.Written, paths.Events, paths.Blinks, paths.Unreported,
            .. EventFormatFiles.Write(paths, source.PlayableFile, settings, events, files.TimeSeries, source.FirstImageNumber ?? 1, markers,
                components.Segmentation.Unmeasured),
            .. files.TimeSeries];

        var summary = new RunSummary
        {
            Input = Path.GetFullPath(input),
            // Incomplete: the file is damaged and frames were lost; what could be decoded is analysed and written.
            Status = result.Cancelled ? "cancelled" : source.FramesUnreadable > 0 ? "incomplete" : "complete",
            FaceflashVersion = Build,
            Models = models.Manifest.Hashes(),
            Width = source.Width,
            Height = source.Height,
            PixelAspectRatio = Math.Round(source.PixelAspect, 4),
            TimeSource = source.TimeSource,
            FramesRead = result.FramesRead,
            FramesWritten = result.FramesWritten,
            FramesDropped = result.FramesDropped,
            MicroDefinition = settings.MicroDefinition,
            FramesUnreadable = source.FramesUnreadable,
            Gaps = source.Gaps,
            FrameGaps = gaps.Gaps.Count,
            LongestFrameGapMs = gaps.LongestMs,
            LongestFrameGapFromS = gaps.LongestFromS,
            TimestampRestarts = source.TimeRestarts,
            UnchangedS = source.Unchanged.Longest is { } unchanged ? Math.Round(unchanged.DurationMs / 1000, 3) : null,
            UnchangedFromFrame = source.Unchanged.Longest?.FromFrame + 1,
            FirstImageNumber = source.FirstImageNumber,
            FpsNominal = source.NominalFps > 0 ? Math.Round(source.NominalFps, 3) : null,
            FpsCapture = source.CaptureFps,
            FpsMeasured = result.MeasuredFpsRounded,
            RangeFromS = settings.Range is { } analysed ? analysed.FromMs / 1000 : null,
            RangeToS = settings.Range is { ToMs: var to } && double.IsFinite(to) ? to / 1000 : null,
            DurationS = result.DurationS,
            FacesSeen = counts.FacesSeen,
            FramesWithFace = counts.FramesWithFace,
            FaceTimeS = retakes.FaceTimeS,
            ReferenceRetakes = retakes.Retakes.Count,
            UnmeasuredS = components.Segmentation.UnmeasuredS,
            Unmeasured = components.Segmentation.Unmeasured,
            DetectorRuns = components.Faces.Analyzer.DetectorRuns,
            LandmarkRuns = components.Faces.Analyzer.LandmarkRuns,
            ActionUnitEstimator = components.ActionUnits.Estimator.Name,
            MicroEvents = events.Micro,
            MacroEvents = events.Macro,
            Blinks = events.Blinks.Count,
            EventsByEmotion = events.ByEmotion,
            NotReported = events.NotReportedByReason,
            Segmenter = settings.Segmenter,
            MirroredExpressions = mirror?.Agreement.MirroredCount,
            WallS = Math.Round(wallMs / 1000, 3),
            ThroughputFps = Math.Round(mirror is null ? result.ThroughputFps : result.FramesWritten * 1000 / wallMs, 1),
            AllocatedBytesPerFrame = double.IsNaN(result.SteadyBytesPerFrame) ? null : Math.Round(result.SteadyBytesPerFrame),
            StageMsPerFrame = result.Stages.ToDictionary(s => s.Name, s => Math.Round(s.MeanMs, 3)),
            StageBytesPerFrame = result.Stages.Where(s => !double.IsNaN(s.BytesPerItem)).ToDictionary(s => s.Name, s => Math.Round(s.BytesPerItem)),
            Outputs = outputs.Select(Path.GetFileName).ToList()!,
            Warnings = Warnings(result, counts, gaps.Gaps, retakes.Retakes, components.Segmentation.UnmeasuredS, settings, source),
        };
        AtomicFile.WriteAllText(paths.Summary, summary.ToJson());
        Log.Information("{Input}: {Frames} frames, face in {WithFace}, {Micro} micro and {Macro} macro expressions, {Blinks} blinks, {Fps:0} fps, {Status}",
            input, result.FramesWritten, counts.FramesWithFace, summary.MicroEvents, summary.MacroEvents, summary.Blinks, summary.ThroughputFps, summary.Status);
        return summary;
    }

    // Batch reads a piped recording as fast as it comes: its own times, not the reading's, are the recording's.
    private static VideoSource Open(string input, AnalysisSettings settings, CancellationToken cancel) =>
        VideoSource.Open(input, settings.ImageSequenceFps, streamsByTheirOwnTimes: true, captureFps: settings.CaptureFps, cancel: cancel);

    private static IFrameSource InRange(VideoSource source, AnalysisSettings settings)
    {
        if (settings.Range is not { } part) return source;
        source.Part = part;
        return new TimeRangeSource(source, part);
    }

    /// <summary>
    /// The first of <c>--mirror-check</c>'s two analyses: the recording read again, each frame flipped left to right,
    /// through stages of its own; only the expressions it finds are kept. Null when it was interrupted.
    /// </summary>
    private static async Task<Mirror.MirroredPass?> AnalyseMirrored(string input, ModelRepository models, AnalysisSettings settings,
        IProgress<PipelineProgress>? progress, CancellationToken cancel)
    {
        Log.Information("{Input}: analysing the mirrored video first (--mirror-check)", input);
        using var source = Open(input, settings, cancel);
        var agreement = new MirrorAgreement(source.Width);
        using var components = new AnalysisComponents(models, settings);
        var pipeline = new AnalysisPipeline(new MirroredSource(InRange(source, settings)), components.Stages, [new Mirror.MirroredEventsSink(agreement)],
            components.Observations, settings.Pipeline);
        var result = await pipeline.RunAsync(progress, cancel).ConfigureAwait(false);
        return result.Cancelled ? null : new Mirror.MirroredPass(agreement, result);
    }

    /// <summary>One line on a damaged input's lost frames.</summary>
    public static string Damage(VideoSource source) =>
        $"damaged: {source.FramesUnreadable} frames could not be decoded ({source.Gaps} gap{(source.Gaps == 1 ? "" : "s")} skipped" +
        $"{(source.Gaps == 0 ? ", the end is missing" : "")}); the frames around them keep their true times";

    private static List<string> Warnings(PipelineResult result, FaceCountSink counts, FrameGaps gaps, ReferenceRetakes retakes, double unmeasuredS,
        AnalysisSettings settings, VideoSource source)
    {
        var warnings = new List<string>();
        if (source.FramesUnreadable > 0) warnings.Add(Damage(source));
        // A damaged file's gaps are said with its damage; these are the recording's own. Where every frame lies that far
        // from the next, the frame rate is too low, which the resolution warning says.
        else if (!settings.Segmenter.TooSlowToFollow(result.MeasuredFps) && gaps.Warning("the recording", "dropped while it was recorded?") is { } missing)
            warnings.Add(missing);
        if (source.TimeRestarts > 0)
            warnings.Add($"timestamps ran backwards {source.TimeRestarts} time(s) in this file (parts of separate recordings joined?): " +
                "the frames after each were shifted to follow on from the frame before; check the video there");
        if (source.Unchanged.Longest is { DurationMs: >= UnchangedPicture.WarnFromMs } frozen)
            warnings.Add($"the picture did not change at all for {frozen.DurationMs / 1000:0.##} s from frame {frozen.FromFrame + 1} (a frozen " +
                "recording, or joined parts of different frame sizes, whose later parts the OpenCV reader cannot decode): its frames were analysed as read");
        if (source.ImagesMissing is { Count: > 0 } lacking)
            warnings.Add($"{lacking.Count} image(s) are missing from the folder's numbering, the first after {lacking.FirstAfter}: " +
                "the frames keep their images' numbers and times, so the frames file skips them; check that none was lost");
        if (source.ImagesResized > 0)
            warnings.Add($"{source.ImagesResized} image(s) differ in size from the first ({source.Width} × {source.Height}), from {source.FirstImageResized}: " +
                "scaled to the first's size; check that the folder holds one recording");
        if (settings.Segmenter.ResolutionWarning(result.MeasuredFps) is { } resolution) warnings.Add(resolution);
        if (result.FramesRead == 0) warnings.Add(settings.Range is { } range ? $"no frame lies {range}" : "no frame could be decoded");
        else if (counts.FramesWithFace == 0) warnings.Add("no face was found in any frame");
        if (retakes.Warning(unmeasuredS) is { } retaken) warnings.Add(retaken);
        if (result.FramesDropped > 0) warnings.Add($"{result.FramesDropped} frames were dropped to keep up");
        return warnings;
    }
}
