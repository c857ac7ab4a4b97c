// Shows spotting as a library: analyse a video with the same stages `faceflash analyze` runs and print each
// expression as the segmentation stage flags it — the events a program of your own (an experiment, a logger) would
// act on, with no file written.
//   dotnet run --project samples/FaceFlash.Samples.SpotEvents -- VIDEO
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Vision.Capture;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: SpotEvents VIDEO");
    return 2;
}

var models = ModelRepository.Default();
var settings = new AnalysisSettings(); // every option at its default, as `faceflash analyze VIDEO`
using var source = VideoSource.Open(args[0]);
using var components = new AnalysisComponents(models, settings);
var printer = new EventPrinter();
var pipeline = new AnalysisPipeline(source, components.Stages, [printer], components.Observations, settings.Pipeline);
var result = await pipeline.RunAsync(progress: null, CancellationToken.None);
Console.WriteLine($"{result.FramesWritten} frames, {printer.Count} expressions");
return 0;

/// <summary>A sink: it sees each frame's results in frame order, and what the stages concluded when the video ended.</summary>
sealed class EventPrinter : IFrameSink
{
    public int Count { get; private set; }

    public void Write(FrameAnalysis frame)
    {
        foreach (var e in frame.Events) Print(e);
    }

    // An expression still on the face when the video ends is flagged then, marked truncated.
    public void Commit(StreamEnd end)
    {
        foreach (var e in end.Events) Print(e);
    }

    private void Print(ExpressionEvent e)
    {
        Count++;
        Console.WriteLine($"face {e.FaceId}: {(e.Kind == EventKind.Micro ? "micro" : "macro")} {EmotionNames.Name(e.Emotion)} " +
                          $"from {e.OnsetMs:0} to {e.OffsetMs:0} ms{(e.Truncated ? " (truncated)" : "")}");
    }
}
