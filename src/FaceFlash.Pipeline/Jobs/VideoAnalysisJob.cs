using System.Reflection;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using Serilog;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// Analyses one recorded input end to end: opens it, runs the pipeline, writes the frames CSV and the summary.
/// Bad input fails with a <see cref="SourceException"/> before anything is written.
/// </summary>
public static class VideoAnalysisJob
{
    public static string Version { get; } =
        typeof(VideoAnalysisJob).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public static async Task<RunSummary> RunAsync(string input, ModelRepository models, AnalysisSettings settings,
        Action<VideoSource>? started, IProgress<PipelineProgress>? progress, CancellationToken cancel)
    {
        using var source = VideoSource.Open(input, settings.ImageSequenceFps);
        var paths = OutputPaths.For(input, settings.OutputDirectory);
        Directory.CreateDirectory(paths.Directory);
        started?.Invoke(source);
        Log.Information("Analysing {Input}: {Width}x{Height}, {Fps:0.##} fps nominal, {Frames} frames", input, source.Width, source.Height, source.NominalFps, source.FrameCount);

        var observations = new Pool<FaceObservation>(() => new FaceObservation());
        using var faces = new FaceStage(new FaceAnalyzer(models, settings.Onnx, settings.Faces), observations);
        using var frames = new FramesCsvSink(new FramesCsvWriter(paths.Frames));
        var counts = new FaceCountSink();
        var pipeline = new AnalysisPipeline(source, [faces], [frames, counts], observations, settings.Pipeline);
        var result = await pipeline.RunAsync(progress, cancel).ConfigureAwait(false);

        var summary = new RunSummary
        {
            Input = Path.GetFullPath(input),
            Status = result.Cancelled ? "cancelled" : "complete",
            FaceflashVersion = Version,
            Models = models.Manifest.Models.ToDictionary(m => m.Name, m => m.Sha256),
            Width = source.Width,
            Height = source.Height,
            FramesRead = result.FramesRead,
            FramesWritten = result.FramesWritten,
            FramesDropped = result.FramesDropped,
            FpsNominal = source.NominalFps > 0 ? Math.Round(source.NominalFps, 3) : null,
            FpsMeasured = double.IsNaN(result.MeasuredFps) ? null : Math.Round(result.MeasuredFps, 3),
            DurationS = double.IsNaN(result.LastTimestampMs) ? 0 : Math.Round((result.LastTimestampMs - result.FirstTimestampMs) / 1000, 3),
            FacesSeen = counts.FacesSeen,
            FramesWithFace = counts.FramesWithFace,
            DetectorRuns = faces.Analyzer.DetectorRuns,
            WallS = Math.Round(result.WallMs / 1000, 3),
            ThroughputFps = Math.Round(result.ThroughputFps, 1),
            StageMsPerFrame = result.Stages.ToDictionary(s => s.Name, s => Math.Round(s.MeanMs, 3)),
            Outputs = [Path.GetFileName(paths.Frames)],
            Warnings = Warnings(result, counts),
        };
        AtomicFile.WriteAllText(paths.Summary, summary.ToJson());
        Log.Information("{Input}: {Frames} frames, face in {WithFace}, {Fps:0} fps, {Status}", input, result.FramesWritten, counts.FramesWithFace, result.ThroughputFps, summary.Status);
        return summary;
    }

    private static List<string> Warnings(PipelineResult result, FaceCountSink counts)
    {
        var warnings = new List<string>();
        if (result.FramesRead == 0) warnings.Add("no frame could be decoded");
        else if (counts.FramesWithFace == 0) warnings.Add("no face was found in any frame");
        if (result.FramesDropped > 0) warnings.Add($"{result.FramesDropped} frames were dropped to keep up");
        return warnings;
    }
}
