using System.CommandLine;
using FaceFlash.Cli.Terminal;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Tracking;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash analyze INPUT... [--out DIR]</c>: recorded video in, per-frame face data out.</summary>
public static class AnalyzeCommand
{
    private static readonly Argument<string[]> Inputs = new("INPUT")
    {
        Description = "Video files (any format FFmpeg reads), image sequences such as frames/%05d.png, a camera index, or a stream URL or FIFO.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Out = new("--out", "-o")
    {
        Description = "Folder for the output files (default: next to each input).",
        HelpName = "DIR",
    };

    private static readonly Option<int> Capacity = new("--channel-capacity")
    {
        Description = "Frames that may wait between two pipeline stages.",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<int> MaxFaces = new("--max-faces")
    {
        Description = "Most faces tracked at once.",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<string> Detector = new("--detector")
    {
        Description = "Face detector: blazeface-front-128 (faces filling much of the frame) or blazeface-back-256 (small, distant faces).",
        DefaultValueFactory = _ => "blazeface-front-128",
    };

    private static readonly Option<bool> Iris = new("--iris")
    {
        Description = "Also locate the iris centres (MediaPipe Iris; about 7 ms more per face and frame).",
    };

    private static readonly Option<double> SequenceFps = new("--sequence-fps")
    {
        Description = "Frame rate of image sequences, which carry no timestamps.",
        DefaultValueFactory = _ => 30,
    };

    private static readonly Option<double> MicroMin = new("--micro-min-ms")
    {
        Description = "Shortest micro-expression, ms.",
        DefaultValueFactory = _ => 40,
    };

    private static readonly Option<double> MicroMax = new("--micro-max-ms")
    {
        Description = "Longest micro-expression, ms (MEGC uses 500); longer ones are macro.",
        DefaultValueFactory = _ => 200,
    };

    private static readonly Option<string[]> Format = new("--format")
    {
        Description = "Also write megc (<stem>.megc.csv spotting rows) and/or elan (<stem>.eaf).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> AuModel = new("--au-model")
    {
        Description = "Estimate AUs with this action-units model from the manifest instead of the built-in motion estimator.",
        HelpName = "NAME",
    };

    private static readonly Option<bool> NoClassifier = new("--no-emotion-classifier")
    {
        Description = "Label events from the EMFACS rules alone, without the emotion classifier.",
    };

    public static Command Create()
    {
        var command = new Command("analyze", "Analyse recorded video: track faces, estimate action units, flag micro- and macro-expressions; writes <stem>.frames.csv, .events.csv, .blinks.csv and .summary.json per input.")
        {
            Inputs, Out, MicroMin, MicroMax, Format, AuModel, NoClassifier, Capacity, MaxFaces, Detector, Iris, SequenceFps,
        };
        Detector.AcceptOnlyFromAmong("blazeface-front-128", "blazeface-back-256");
        Format.AcceptOnlyFromAmong("megc", "elan");
        // An unknown option would otherwise be taken for an input file name.
        Inputs.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.StartsWith('-') && !File.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
        });
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        if (parse.GetValue(MicroMin) is var min && parse.GetValue(MicroMax) is var max && !(min > 0 && max > min))
        {
            Log.Error("--micro-min-ms must be positive and below --micro-max-ms");
            return ExitCodes.Usage;
        }
        var models = CommonOptions.OpenModels(parse);
        var settings = new AnalysisSettings
        {
            OutputDirectory = parse.GetValue(Out),
            Pipeline = new PipelineOptions { ChannelCapacity = Math.Max(1, parse.GetValue(Capacity)) },
            Faces = new FaceAnalyzerOptions
            {
                DetectorModel = parse.GetValue(Detector)!,
                Iris = parse.GetValue(Iris),
                Tracking = new TrackingPolicy { MaxFaces = Math.Max(1, parse.GetValue(MaxFaces)) },
            },
            ImageSequenceFps = parse.GetValue(SequenceFps),
            Segmenter = new SegmenterOptions { MicroMinMs = parse.GetValue(MicroMin), MicroMaxMs = parse.GetValue(MicroMax) },
            Formats = (parse.GetValue(Format) ?? []).ToHashSet(),
            ActionUnitModel = parse.GetValue(AuModel),
            EmotionClassifier = !parse.GetValue(NoClassifier),
        };
        var display = new ProgressDisplay(parse.GetValue(CommonOptions.Quiet));
        var failed = 0;
        foreach (var input in parse.GetValue(Inputs)!)
        {
            if (cancel.IsCancellationRequested) break;
            try
            {
                await display.RunAsync(Path.GetFileName(input), (setTotal, progress) =>
                    VideoAnalysisJob.RunAsync(input, models, settings, source => setTotal(source.FrameCount), progress, cancel));
            }
            catch (SourceException e)
            {
                failed++;
                Log.Error("{Input}: {Reason}", input, e.Message);
            }
        }
        if (cancel.IsCancellationRequested) return ExitCodes.Cancelled;
        return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Success;
    }
}
