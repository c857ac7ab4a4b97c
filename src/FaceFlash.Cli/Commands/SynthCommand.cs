using System.CommandLine;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Synthesis;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash synth</c>: labelled clips with known micro- and macro-expressions and blinks.</summary>
public static class SynthCommand
{
    private static readonly Option<string> Out = new("--out", "-o") { Description = "Folder for the clips and their ground truth.", Required = true, HelpName = "DIR" };
    private static readonly Option<int> Count = new("--count") { Description = "Number of clips.", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Fps = new("--fps") { Description = "Frame rate (25–200).", DefaultValueFactory = _ => 100 };
    private static readonly Option<double> Duration = new("--duration") { Description = "Length of each clip in seconds.", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed of the first clip (clip i uses seed + i).", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Micro = new("--micro") { Description = "Micro-expressions per clip (40–200 ms).", DefaultValueFactory = _ => 6 };
    private static readonly Option<int> Macro = new("--macro") { Description = "Macro-expressions per clip (0.5–2 s).", DefaultValueFactory = _ => 3 };
    private static readonly Option<double> Blinks = new("--blinks-per-min") { Description = "Blink rate.", DefaultValueFactory = _ => 15 };
    private static readonly SynthOptions Defaults = new();

    // A clip's events are drawn the same whatever the ranges (each amplitude is the same fraction of its range), so one
    // seed made at two ranges holds the same expressions at the same times, only larger or smaller: a sensitivity sweep.
    private static readonly Option<string> MicroPx = new("--micro-px")
    {
        Description = "Range of the micro-expressions' amplitudes at the apex (the most-moved point's displacement), pixels: MIN-MAX, or one value.",
        DefaultValueFactory = _ => PixelRange.Format(Defaults.MicroAmplitudePx),
        HelpName = "MIN-MAX",
    };

    private static readonly Option<string> MacroPx = new("--macro-px")
    {
        Description = "Range of the macro-expressions' amplitudes at the apex, pixels: MIN-MAX, or one value.",
        DefaultValueFactory = _ => PixelRange.Format(Defaults.MacroAmplitudePx),
        HelpName = "MIN-MAX",
    };

    private static readonly Option<double> LeadIn = new("--lead-in-ms")
    {
        Description = "Calm time before the first event can start (350 ms more at least); 1500 leaves live analysis its warm-up, 250 puts events as early as 0.6 s.",
        DefaultValueFactory = _ => Defaults.LeadInMs,
        HelpName = "MS",
    };

    private static readonly Option<double> Noise = new("--noise") { Description = "Sensor noise, standard deviation in grey levels.", DefaultValueFactory = _ => 2 };
    private static readonly Option<double> HeadMotion = new("--head-motion") { Description = "Head-motion scale (0 still, 1 ≈ ±8 px, ±2°).", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> EyeDistance = new("--eye-distance") { Description = "Outer eye-corner distance of the animated face, pixels (90 ≈ a face 200 px wide).", DefaultValueFactory = _ => 90 };
    private static readonly Option<string> Size = new("--size") { Description = "Frame size WIDTHxHEIGHT.", DefaultValueFactory = _ => "640x480" };
    private static readonly Option<string?> Portrait = new("--portrait") { Description = "Portrait image to animate (default: the bundled public-domain portrait).", HelpName = "IMAGE" };
    private static readonly Option<string?> Overlay = new("--overlay")
    {
        Description = "Add the expressions to the face in this real video instead of animating a portrait (its own blinks and expressions are not labelled; --fps, --size and --head-motion do not apply).",
        HelpName = "VIDEO",
    };

    private static readonly Option<SynthGenerator> Generator = new("--generator")
    {
        Description = "How faces are moved: blobs (on the estimator's own template points; not independent of it) or muscles (muscles pulling the face mesh, a piecewise-affine warp, random variation per event, lighting drift; written apart from the estimator).",
        DefaultValueFactory = _ => SynthGenerator.Blobs,
    };

    private static readonly Option<double> HeadTurn = new("--head-turn")
    {
        Description = "With --generator muscles: largest out-of-plane head turn in degrees (yaw; pitch up to 60 % of it), e.g. 15.",
        DefaultValueFactory = _ => 0,
        HelpName = "DEG",
    };

    private static readonly Option<int?> H264Crf = new("--h264")
    {
        Description = "Re-encode each clip as H.264 (<stem>.mp4) at this constant rate factor: 23 is FFmpeg's default, 18 near-lossless, 28 a low-bitrate stream.",
        HelpName = "CRF",
    };

    public static Command Create()
    {
        var command = new Command("synth", "Make labelled clips: a portrait animated with head motion, blinks, noise and injected micro/macro-expressions; writes <stem>.avi and <stem>.truth.json.")
        {
            Out, Count, Fps, Duration, Seed, Micro, Macro, MicroPx, MacroPx, Blinks, LeadIn, Noise, HeadMotion, EyeDistance, Size, Portrait, Overlay, Generator, HeadTurn, H264Crf,
        };
        OptionChecks.Require(Count, v => v >= 1, "--count must be at least 1");
        OptionChecks.Require(Duration, v => v is > 0 and <= 86400, "--duration must be more than 0 and at most 86400 seconds");
        OptionChecks.Require(Micro, v => v >= 0, "--micro must not be negative");
        OptionChecks.Require(Macro, v => v >= 0, "--macro must not be negative");
        OptionChecks.Require(MicroPx, v => PixelRange.Parse(v) is not null, $"--micro-px must look like 1-4 (pixels, from more than 0 to {PixelRange.MaxPx})");
        OptionChecks.Require(MacroPx, v => PixelRange.Parse(v) is not null, $"--macro-px must look like 4-9 (pixels, from more than 0 to {PixelRange.MaxPx})");
        OptionChecks.Require(Blinks, v => v is >= 0 and <= 120, "--blinks-per-min must be between 0 and 120");
        OptionChecks.Require(Noise, v => v is >= 0 and <= 64, "--noise must be between 0 and 64 grey levels");
        OptionChecks.Require(HeadMotion, v => v is >= 0 and <= 10, "--head-motion must be between 0 and 10");
        OptionChecks.Require(EyeDistance, v => v is >= 10 and <= 2000, "--eye-distance must be between 10 and 2000 pixels");
        OptionChecks.Require(HeadTurn, v => v is >= 0 and <= 45, "--head-turn must be between 0 and 45 degrees");
        OptionChecks.Require(H264Crf, v => v is not (< 0 or > 51), "--h264 must be a CRF between 0 and 51");
        OptionChecks.Require(LeadIn, v => v >= 0, "--lead-in-ms must not be negative");
        OptionChecks.Require(Fps, v => v is >= 1 and <= 1000, "--fps must be between 1 and 1000");
        OptionChecks.Require(Size, v => ParseSize(v) is not null, "--size must look like 640x480");
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        return command;
    }

    private static (int W, int H)? ParseSize(string? text) =>
        text?.Split('x') is [var w, var h] && int.TryParse(w, out var width) && int.TryParse(h, out var height) && width >= 64 && height >= 64 ? (width, height) : null;

    private static int Run(ParseResult parse, CancellationToken cancel)
    {
        var models = CommonOptions.OpenModels(parse);
        var portrait = parse.GetValue(Portrait) ?? Path.Combine(AppContext.BaseDirectory, "media", "astronaut.png");
        var overlay = parse.GetValue(Overlay);
        foreach (var input in new[] { overlay ?? portrait })
            if (!File.Exists(input))
            {
                Log.Error("{Input} does not exist", input);
                return ExitCodes.InputFailed;
            }
        if (Pipeline.Batch.OutputFolder.Unwritable(parse.GetValue(Out)!) is { } unwritable)
        {
            Log.Error("{Reason}", unwritable);
            return ExitCodes.InputFailed;
        }
        if (parse.GetValue(HeadTurn) > 0 && parse.GetValue(Generator) != SynthGenerator.Muscles)
        {
            Log.Error("--head-turn needs --generator muscles (the blob generator has no face mesh to turn)");
            return ExitCodes.Usage;
        }
        var (width, height) = ParseSize(parse.GetValue(Size))!.Value;
        var fps = parse.GetValue(Fps);
        for (var i = 0; i < parse.GetValue(Count) && !cancel.IsCancellationRequested; i++)
        {
            var options = new SynthOptions
            {
                Fps = fps, DurationS = parse.GetValue(Duration), Width = width, Height = height, Seed = parse.GetValue(Seed) + i,
                MicroEvents = parse.GetValue(Micro), MacroEvents = parse.GetValue(Macro), BlinksPerMinute = parse.GetValue(Blinks),
                LeadInMs = parse.GetValue(LeadIn),
                MicroAmplitudePx = PixelRange.Parse(parse.GetValue(MicroPx))!.Value, MacroAmplitudePx = PixelRange.Parse(parse.GetValue(MacroPx))!.Value,
                NoiseSigma = parse.GetValue(Noise), HeadMotion = parse.GetValue(HeadMotion), EyeDistancePx = parse.GetValue(EyeDistance),
                Generator = parse.GetValue(Generator), HeadTurnDeg = parse.GetValue(HeadTurn), H264Crf = parse.GetValue(H264Crf),
            };
            var generator = $"faceflash synth {VideoAnalysisJob.Version} --generator {options.Generator.ToString().ToLowerInvariant()}" +
                (options.HeadTurnDeg > 0 ? $" --head-turn {options.HeadTurnDeg:0.#}" : "") + (options.H264Crf is { } crf ? $" --h264 {crf}" : "") +
                (options.LeadInMs != Defaults.LeadInMs ? $" --lead-in-ms {options.LeadInMs:0.#}" : "") +
                (options.MicroAmplitudePx != Defaults.MicroAmplitudePx ? $" --micro-px {PixelRange.Format(options.MicroAmplitudePx)}" : "") +
                (options.MacroAmplitudePx != Defaults.MacroAmplitudePx ? $" --macro-px {PixelRange.Format(options.MacroAmplitudePx)}" : "");
            try
            {
                var stem = overlay is null ? $"synth_{fps:0}fps_{options.Seed:000}" : $"overlay_{Path.GetFileNameWithoutExtension(overlay)}_{options.Seed:000}";
                var truth = overlay is null
                    ? SynthJob.Make(portrait, parse.GetValue(Out)!, stem, options, models, generator)
                    : SynthJob.Overlay(overlay, parse.GetValue(Out)!, stem, options, models, generator);
                Log.Information("{Stem}: {Micro} micro, {Macro} macro, {Blinks} blinks at {Fps:0.##} fps", stem,
                    truth.Events.Count(e => e.Kind == "micro"), truth.Events.Count(e => e.Kind == "macro"), truth.Blinks.Count, truth.Fps);
                if (truth.NotInjected > 0)
                    Log.Warning("{Stem}: {Count} scripted expression(s) or blink(s) fell where no face was tracked: not injected, not in the ground truth",
                        stem, truth.NotInjected);
            }
            catch (ArgumentException e)
            {
                Log.Error("{Reason}", e.Message);
                return ExitCodes.Usage;
            }
            catch (IOException e)
            {
                Log.Error("{Reason}", e.Message);
                return ExitCodes.InputFailed;
            }
            catch (Vision.Capture.SourceException e)
            {
                Log.Error("{Reason}", e.Message);
                return ExitCodes.InputFailed;
            }
        }
        return cancel.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Success;
    }
}
