using System.CommandLine;
using FaceFlash.Cli.Terminal;
using FaceFlash.Core.Time;
using FaceFlash.Pipeline.Batch;
using FaceFlash.Pipeline.Jobs;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash analyze INPUT... [--out DIR]</c>: recorded video in, per-frame face data out.</summary>
public static class AnalyzeCommand
{
    private static readonly Argument<string[]> Inputs = new("INPUT")
    {
        Description = "Video files (any format FFmpeg reads), folders (searched recursively for videos), glob patterns such as 'data/**/*.mp4', image sequences such as frames/%05d.png, a camera index, or a stream URL or FIFO.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> ListFile = new("--list")
    {
        Description = "Also analyse the inputs listed in this file, one per line ('#' starts a comment).",
        HelpName = "FILE",
    };

    private static readonly Option<int> Jobs = new("--jobs", "-j")
    {
        Description = "Videos analysed in parallel.",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<bool> Force = new("--force")
    {
        Description = "Analyse inputs again even when their outputs are complete and up to date.",
    };

    private static readonly Option<double?> From = new("--from")
    {
        Description = "Analyse each recording from this time, in seconds from its first frame (the frames keep their own times and numbers).",
        HelpName = "S",
    };

    private static readonly Option<double?> To = new("--to")
    {
        Description = "Analyse each recording up to this time, in seconds from its first frame.",
        HelpName = "S",
    };

    private static readonly Option<bool> MirrorCheck = new("--mirror-check")
    {
        Description = "Also analyse each recording mirrored left to right and report only the expressions found in both (the others go to <stem>.unreported.csv as not_found_mirrored): far fewer false flags, fewer expressions found, twice the time. Files and image folders only.",
    };

    private static readonly Option<string?> Shard = new("--shard")
    {
        Description = "Analyse only shard K of N (1-based) of the sorted input list, e.g. 3/10 — for job arrays.",
        HelpName = "K/N",
    };

    private static readonly Option<string?> Out = new("--out", "-o")
    {
        Description = "Folder for the output files (default: next to each input).",
        HelpName = "DIR",
    };

    private static readonly AnalysisOptions Analysis = new();

    private static readonly Option<bool> WithReport = new("--report")
    {
        Description = "Also write an HTML report per video, an index.html of them and the study's tables videos.csv and events.csv (in --out, for its whole tree; as faceflash report does).",
    };

    private static readonly Option<bool> WithTrackedVideos = new("--tracked")
    {
        Description = "With the report (--tracked implies --report), also write each video's <stem>.tracked.avi, as faceflash report --tracked does; one newer than its results is kept.",
    };

    public static Command Create()
    {
        var command = new Command("analyze", "Analyse recorded video: track faces, estimate action units, flag micro- and macro-expressions; writes <stem>.frames.csv, .events.csv, .blinks.csv, .unreported.csv and .summary.json per input.")
        {
            Inputs, ListFile, Out, Jobs, Force, Shard, WithReport, WithTrackedVideos, From, To, MirrorCheck,
        };
        command.Aliases.Add("analyse"); // British spelling, as the descriptions use
        Analysis.AddTo(command);
        OptionChecks.Require(Jobs, v => v >= 1, "--jobs must be at least 1");
        OptionChecks.Require(From, v => v is null || (double.IsFinite(v.Value) && v >= 0), "--from must be a time of 0 s or more");
        OptionChecks.Require(To, v => v is null || (double.IsFinite(v.Value) && v > 0), "--to must be a time of more than 0 s");
        OptionChecks.Require(Shard, v => v is null || ParseShard(v) is not null, "--shard must be K/N with 1 ≤ K ≤ N, e.g. 3/10");
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
        if (Analysis.TryBind(parse, parse.GetValue(Out)) is not { } settings) return ExitCodes.Usage;
        if (parse.GetValue(From) is not null || parse.GetValue(To) is not null)
        {
            var range = new TimeRange((parse.GetValue(From) ?? 0) * 1000, (parse.GetValue(To) ?? double.PositiveInfinity) * 1000);
            if (range.ToMs <= range.FromMs)
            {
                Log.Error("--to must be after --from");
                return ExitCodes.Usage;
            }
            settings = settings with { Range = range };
        }
        if (parse.GetValue(MirrorCheck)) settings = settings with { MirrorCheck = true };
        if (AnalysisOptions.OpenModels(parse, settings) is not { } models) return ExitCodes.Usage;
        List<BatchInput> inputs;
        try
        {
            inputs = InputList.Resolve(parse.GetValue(Inputs) ?? [], parse.GetValue(ListFile), parse.GetValue(Out), cancel,
                notice => Log.Warning("{Notice}", notice));
        }
        catch (Exception e) when (e is FileNotFoundException or FormatException)
        {
            Log.Error("{Reason}", e.Message);
            return ExitCodes.Usage;
        }
        if (inputs.Count == 0)
        {
            Log.Error("no input: name video files, folders, patterns or --list FILE");
            return ExitCodes.Usage;
        }
        if (parse.GetValue(Out) is { } outDir && OutputFolder.Unwritable(outDir) is { } unwritable)
        {
            Log.Error("{Reason}", unwritable);
            return ExitCodes.InputFailed;
        }
        if (ParseShard(parse.GetValue(Shard)) is var (k, n))
        {
            inputs = InputList.Shard(inputs, k, n);
            Log.Information("Shard {K}/{N}: {Count} inputs", k, n, inputs.Count);
            // Each shard's report would cover what the shards had done by its end, and race the others' to the index.
            if (Reporting(parse) && n > 1)
                Log.Warning("--report with --shard reports what is done when this shard ends; once every shard has ended, run faceflash report {Out} once",
                    parse.GetValue(Out) ?? "on the results' folder");
        }

        var display = new ProgressDisplay(parse.GetValue(CommonOptions.Quiet));
        var outcomes = await display.RunAsync(bars => new BatchRunner(models, settings, parse.GetValue(Jobs), parse.GetValue(Force)) { Started = bars }
            .RunAsync(inputs, cancel));
        Report(outcomes);
        if (Reporting(parse))
            foreach (var dir in ReportFolders(outcomes, parse.GetValue(Out)))
                ReportCommand.Run(dir, null, png: false, outDir: null, parse.GetValue(WithTrackedVideos) ? TrackedVideos.KeptWhenCurrent : TrackedVideos.None, display);
        if (cancel.IsCancellationRequested) return ExitCodes.Cancelled;
        return outcomes.Any(o => o.Status == BatchStatus.Failed) ? ExitCodes.InputFailed : ExitCodes.Success;
    }

    private static bool Reporting(ParseResult parse) => parse.GetValue(WithReport) || parse.GetValue(WithTrackedVideos);

    /// <summary>
    /// Where <c>--report</c> reports, each folder with the folders under it: <c>--out</c>, whose index then lists the
    /// whole mirrored tree; else each folder the batch wrote to that is not under another.
    /// </summary>
    private static IEnumerable<string> ReportFolders(List<BatchOutcome> outcomes, string? outDir)
    {
        var written = outcomes.Where(o => o.Status is BatchStatus.Done or BatchStatus.Skipped).Select(o => Path.GetFullPath(o.Input.OutputDirectory)).Distinct().ToList();
        if (outDir is not null) return written.Count > 0 ? [outDir] : [];
        bool Under(string folder, string other) => folder.StartsWith(other.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return written.Where(folder => !written.Any(other => Under(folder, other)));
    }

    private static (int K, int N)? ParseShard(string? text) =>
        text?.Split('/') is [var a, var b] && int.TryParse(a, out var k) && int.TryParse(b, out var n) && n >= 1 && k >= 1 && k <= n ? (k, n) : null;

    /// <summary>One closing line for a batch (each failure was reported as it happened, with its reason).</summary>
    private static void Report(List<BatchOutcome> outcomes)
    {
        int Count(BatchStatus s) => outcomes.Count(o => o.Status == s);
        if (outcomes.Count < 2 && Count(BatchStatus.Skipped) == 0) return;
        var failed = outcomes.Where(o => o.Status == BatchStatus.Failed).Select(o => Path.GetFileName(o.Input.Source)).ToList();
        Log.Information("{Done} done, {Skipped} skipped, {Failed} failed{List}, {Cancelled} cancelled", Count(BatchStatus.Done), Count(BatchStatus.Skipped),
            failed.Count, failed.Count > 0 ? $" ({string.Join(", ", failed)})" : "", Count(BatchStatus.Cancelled));
    }
}
