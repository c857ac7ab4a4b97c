using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Vision.Capture;
using OpenCvSharp;
using Serilog;
using Spectre.Console;

namespace FaceFlash.Cli.Commands;

/// <summary>
/// <c>faceflash bench VIDEO</c>: from one run, the decode-only frame rate (the limit), the full pipeline's rate, their
/// ratio, time per frame of each stage, peak and late RSS, and managed bytes allocated per frame.
/// </summary>
public static class BenchCommand
{
    private static readonly Argument<string> Video = new("VIDEO") { Description = "A recorded video to measure on." };
    private static readonly Option<string?> Json = new("--json") { Description = "Also write the measurements to this JSON file.", HelpName = "FILE" };
    private static readonly AnalysisOptions Analysis = new();

    public static Command Create()
    {
        var command = new Command("bench", "Measure speed and memory on a video: decode-only fps, full-pipeline fps, per-stage time, RSS and allocations per frame.")
        {
            Video, Json,
        };
        Analysis.AddTo(command);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var video = parse.GetValue(Video)!;
        if (Analysis.TryBind(parse) is not { } settings) return ExitCodes.Usage;
        if (parse.GetValue(Json) is { } json && Pipeline.Batch.OutputFolder.UnwritableFor(json) is { } noJson)
        {
            Log.Error("--json {Json}: {Reason}", json, noJson); // said before minutes of measuring, not after
            return ExitCodes.InputFailed;
        }
        if (VideoSource.IsReadOnce(video))
        {
            // Decoding alone, then the whole pipeline: a stream would be used up by the first pass.
            Log.Error("{Video} is a stream, a FIFO or a camera: bench reads its video twice, so give it a file", video);
            return ExitCodes.InputFailed;
        }
        if (AnalysisOptions.OpenModels(parse, settings) is not { } models) return ExitCodes.Usage;

        double decodeFps;
        long frames;
        var decodeCpu = CpuClock.Start();
        try
        {
            (decodeFps, frames) = DecodeOnly(video, cancel);
        }
        catch (SourceException e)
        {
            Log.Error("{Reason}", e.Message);
            return ExitCodes.InputFailed;
        }

        var scratch = Directory.CreateTempSubdirectory("faceflash-bench-").FullName;
        var decodeCpuMs = decodeCpu.ElapsedMs;
        var rss = new RssSampler();
        try
        {
            var pipelineCpu = CpuClock.Start();
            // Bench settings commit even when cancelled, so there is always a summary.
            var summary = (await VideoAnalysisJob.RunAsync(video, new OutputPaths(scratch, "bench"), models, settings, null, rss, cancel))!;
            var pipelineCpuMs = pipelineCpu.ElapsedMs;
            rss.Stop();
            var result = new BenchResult(
                Path.GetFullPath(video), frames, Math.Round(decodeFps, 1), summary.ThroughputFps, Math.Round(summary.ThroughputFps / decodeFps, 3),
                summary.StageMsPerFrame, summary.StageBytesPerFrame, rss.PeakMb, rss.AtTwoMinutesMb, rss.LastMb, summary.AllocatedBytesPerFrame, Environment.ProcessorCount)
            {
                LandmarkRefreshMs = settings.Faces.Tracking.LandmarkRefreshMs,
                FaceMeshShare = summary.FramesWithFace > 0 ? Math.Round((double)summary.LandmarkRuns / summary.FramesWithFace, 3) : null,
                DecodeOnlyCpuMsPerFrame = frames > 0 ? Math.Round(decodeCpuMs / frames, 3) : null,
                PipelineCpuMsPerFrame = summary.FramesWritten > 0 ? Math.Round(pipelineCpuMs / summary.FramesWritten, 3) : null,
                PipelineCoresBusy = summary.WallS > 0 ? Math.Round(pipelineCpuMs / 1000 / summary.WallS, 2) : null,
            };
            Print(result);
            if (parse.GetValue(Json) is { } path) AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, JsonFiles.Options) + "\n");
            return cancel.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Reads every frame and does nothing else: the rate no analysis can beat on this machine.</summary>
    private static (double Fps, long Frames) DecodeOnly(string video, CancellationToken cancel)
    {
        using var source = VideoSource.Open(video);
        using var frame = new Mat();
        var clock = Stopwatch.StartNew();
        long frames = 0;
        while (!cancel.IsCancellationRequested && source.Read(frame) is not null) frames++;
        return (frames / clock.Elapsed.TotalSeconds, frames);
    }

    private static void Print(BenchResult r)
    {
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("frames", r.Frames.ToString());
        table.AddRow("decode-only fps", $"{r.DecodeOnlyFps:0.0}");
        table.AddRow("full pipeline fps", $"{r.PipelineFps:0.0}");
        table.AddRow("pipeline / decode", $"{r.Ratio:0.00}");
        if (r.DecodeOnlyCpuMsPerFrame is { } decodeCpu && r.PipelineCpuMsPerFrame is { } pipelineCpu)
            table.AddRow("CPU ms/frame: decode only, pipeline", $"{decodeCpu:0.00}, {pipelineCpu:0.00} ({r.PipelineCoresBusy:0.00} of {r.Cores} cores busy)");
        table.AddRow("FaceMesh runs / face frames", r.FaceMeshShare is { } share ? $"{share:0.00} (refresh ≤ {r.LandmarkRefreshMs:0} ms)" : "–");
        foreach (var (stage, ms) in r.StageMsPerFrame) table.AddRow($"{stage} ms/frame", $"{ms:0.00}");
        foreach (var (stage, bytes) in r.StageBytesPerFrame) table.AddRow($"{stage} bytes/frame (steady)", $"{bytes:0}");
        table.AddRow("peak RSS MB", $"{r.PeakRssMb:0}");
        if (r.RssAtTwoMinutesMb is { } two) table.AddRow("RSS growth from minute 2 of the video, MB", $"{r.LastRssMb - two:0.0}");
        table.AddRow("managed bytes / frame (steady)", r.AllocatedBytesPerFrame is { } b ? $"{b:0}" : "–");
        table.AddRow("cores", r.Cores.ToString());
        AnsiConsole.Write(table);
    }

    private sealed record BenchResult(string Video, long Frames, double DecodeOnlyFps, double PipelineFps, double Ratio,
        IReadOnlyDictionary<string, double> StageMsPerFrame, IReadOnlyDictionary<string, double> StageBytesPerFrame, double PeakRssMb, double? RssAtTwoMinutesMb, double LastRssMb,
        double? AllocatedBytesPerFrame, int Cores)
    {
        public double LandmarkRefreshMs { get; init; }
        public double? FaceMeshShare { get; init; }
        public double? DecodeOnlyCpuMsPerFrame { get; init; }
        public double? PipelineCpuMsPerFrame { get; init; }
        public double? PipelineCoresBusy { get; init; }
    }

    /// <summary>CPU time the whole process used (every thread, native ones included) since it was started.</summary>
    private readonly struct CpuClock
    {
        private readonly TimeSpan _start;
        private CpuClock(TimeSpan start) => _start = start;
        public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);
        public double ElapsedMs => (Process.GetCurrentProcess().TotalProcessorTime - _start).TotalMilliseconds;
    }

    /// <summary>
    /// Samples the process's resident memory every second, and once when the analysis passes minute 2 of the video (the
    /// pipeline reports its progress here), so that growth is measured over the video whatever the speed.
    /// </summary>
    private sealed class RssSampler : IProgress<PipelineProgress>
    {
        private static readonly double TwoMinutesMs = TimeSpan.FromMinutes(2).TotalMilliseconds;
        private readonly Timer _timer;

        public RssSampler() => _timer = new Timer(_ => Sample(), null, 0, 1000);

        public double PeakMb { get; private set; }
        public double? AtTwoMinutesMb { get; private set; }
        public double LastMb { get; private set; }

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            LastMb = process.WorkingSet64 / 1048576.0;
            PeakMb = Math.Max(PeakMb, process.PeakWorkingSet64 / 1048576.0);
        }

        public void Report(PipelineProgress progress)
        {
            if (AtTwoMinutesMb is not null || progress.TimestampMs < TwoMinutesMs) return;
            Sample();
            AtTwoMinutesMb = LastMb;
        }

        public void Stop()
        {
            _timer.Dispose();
            Sample();
        }
    }
}
