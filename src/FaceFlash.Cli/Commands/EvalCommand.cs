using System.CommandLine;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Pipeline.Batch;
using Serilog;
using Spectre.Console;

namespace FaceFlash.Cli.Commands;

/// <summary>
/// <c>faceflash eval TRUTH RESULTS_DIR</c>: the MEGC spotting protocol against ground truth — FaceFlash's synthetic
/// clips, a coder's ELAN files, or a CASME II / SAMM / MEGC-style coding table.
/// </summary>
public static class EvalCommand
{
    private static readonly Argument<string> Truth = new("TRUTH")
    {
        Description = "A folder of <stem>.truth.json (faceflash synth), an .eaf file or folder of them, or a coding table (.xlsx, or .csv/.tsv/.txt delimited by commas, semicolons or tabs).",
    };

    private static readonly Argument<string> Results = new("RESULTS_DIR") { Description = "Where faceflash analyze wrote <video>.events.csv (and frames.csv, summary.json)." };

    private static readonly Option<string[]> Tier = new("--tier")
    {
        Description = "ELAN tier to read as NAME=micro, NAME=macro or NAME=blink (repeatable; a blink tier codes every blink, and blink detection is scored); default: the top-level tiers whose names contain micro, macro or blink.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Preset = new("--preset")
    {
        Description = "Coding-table columns: casme2, samm, megc (vid,onset,offset,type; the default) or faceflash (the events.csv faceflash report writes, corrected by a coder; times in ms).",
    };

    private static readonly Option<string?> VideoColumn = new("--video") { Description = "The column naming a row's video, or a template over its columns, e.g. 'sub{Subject:00}/{Filename}'.", HelpName = "COLUMN|TEMPLATE" };
    private static readonly Option<string?> OnsetColumn = new("--onset") { Description = "Onset column (frame numbers, or times with --units).", HelpName = "COLUMN" };
    private static readonly Option<string?> ApexColumn = new("--apex") { Description = "Apex column (frame numbers, or times with --units).", HelpName = "COLUMN" };
    private static readonly Option<string?> OffsetColumn = new("--offset") { Description = "Offset column (frame numbers, or times with --units).", HelpName = "COLUMN" };
    private static readonly Option<string?> EmotionColumn = new("--emotion") { Description = "Emotion column.", HelpName = "COLUMN" };
    private static readonly Option<string?> AusColumn = new("--aus") { Description = "Action-units column (e.g. 4+7, R12).", HelpName = "COLUMN" };
    private static readonly Option<string?> TypeColumn = new("--type") { Description = "Column saying micro or macro (me/mae); without one every row is micro.", HelpName = "COLUMN" };

    private static readonly Option<string?> Units = new("--units")
    {
        Description = "What the onset, apex and offset columns hold: frames (frame numbers, as CASME II, SAMM and MEGC; the default), s or ms (times from the video's start, as BORIS, The Observer and ELAN's text export write them; --preset faceflash: ms).",
    };

    private static readonly Option<long> FirstFrame = new("--first-frame")
    {
        Description = "The number the table gives each video's first frame (default 1; image folders record their first image's number themselves).",
        DefaultValueFactory = _ => 1,
    };

    private static readonly Option<string?> Against = new("--against")
    {
        Description = "Results of another version on the same videos: print each F1's difference from it with a paired 95 % interval (also in eval.json).",
        HelpName = "BASELINE_DIR",
    };

    private static readonly Option<string?> Out = new("--out", "-o")
    {
        Description = "Folder for eval.json, misses.csv, flags.csv, blink-matches.csv, clips.csv and eval.png (default: RESULTS_DIR; give one when the results are read-only).",
        HelpName = "DIR",
    };

    private static readonly Option<bool> SpottingOnlyOption = new("--spotting-only")
    {
        Description = "Score spotting alone, as MEGC does: movements left out only for their emotion (no_emotion_match, low_confidence in <stem>.unreported.csv) count as predictions too.",
    };

    public static Command Create()
    {
        var command = new Command("eval", "Score spotting against ground truth (MEGC protocol: IoU ≥ 0.5 with an unmatched truth of the same kind); writes eval.json, misses.csv (each coded expression not found, with why), flags.csv (each reported event: matched or a false flag), blink-matches.csv (where every blink is coded: each found, missed or reported where none was), clips.csv (each clip's counts) and eval.png (each clip's coded expressions and events: matched, missed, false flags) in RESULTS_DIR (or --out).")
        {
            Truth, Results, Tier, Preset, VideoColumn, OnsetColumn, ApexColumn, OffsetColumn, EmotionColumn, AusColumn, TypeColumn, Units, FirstFrame, Against, SpottingOnlyOption, Out,
        };
        Units.AcceptOnlyFromAmong("frames", "s", "ms");
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var truth = parse.GetValue(Truth)!;
        var resultsDir = parse.GetValue(Results)!;
        var baselineDir = parse.GetValue(Against);
        foreach (var path in new[] { truth, resultsDir, baselineDir })
            if (path is not null && !Directory.Exists(path) && !(path == truth && File.Exists(path)))
            {
                Log.Error("{Path} does not exist", path);
                return ExitCodes.InputFailed;
            }
        // Checked before any work: the files are written at its end.
        var outDir = parse.GetValue(Out) ?? resultsDir;
        if (OutputFolder.Unwritable(outDir) is { } unwritable)
        {
            Log.Error("{Reason}{Hint}", unwritable, parse.GetValue(Out) is null ? "; give --out DIR for eval.json, misses.csv, flags.csv, blink-matches.csv, clips.csv and eval.png" : "");
            return ExitCodes.InputFailed;
        }
        var problems = new List<string>();
        List<ClipMatches> clips, baseline = [];
        var misses = new List<MissedExpression>();
        var spottingOnly = parse.GetValue(SpottingOnlyOption);
        try
        {
            var options = Options(parse);
            clips = Score(truth, resultsDir, options, spottingOnly, problems, misses);
            if (baselineDir is not null) baseline = Score(truth, baselineDir, options, spottingOnly, problems, []);
        }
        catch (FormatException e)
        {
            Log.Error("{Reason}", e.Message);
            return ExitCodes.InputFailed;
        }
        foreach (var problem in problems) Log.Error("{Problem}", problem);
        foreach (var (scored, dir) in new[] { (clips, resultsDir), (baseline, baselineDir) })
            if (dir is not null && scored.Count == 0)
            {
                Log.Error("no clip could be scored: {Truth} holds no ground truth with matching results in {Results}", truth, dir);
                return ExitCodes.InputFailed;
            }
        var report = SpottingEvaluator.Pool(clips) with
        {
            SpottingOnly = spottingOnly,
            MicroMissed = MissedExpressions.Count(misses, "micro"),
            MacroMissed = MissedExpressions.Count(misses, "macro"),
        };
        if (baselineDir is not null) report = report with { Against = VersionComparison.Of(baselineDir, clips, baseline) };
        Print(report);
        AtomicFile.WriteAllText(Path.Combine(outDir, EvaluationReport.FileName), JsonSerializer.Serialize(report, FaceFlash.Core.Output.JsonFiles.Options) + "\n");
        AtomicFile.WriteAllText(Path.Combine(outDir, MissesCsv.FileName), MissesCsv.Format(misses));
        AtomicFile.WriteAllText(Path.Combine(outDir, FlagsCsv.FileName), FlagsCsv.Format(clips));
        AtomicFile.WriteAllText(Path.Combine(outDir, BlinkMatchesCsv.FileName), BlinkMatchesCsv.Format(clips));
        AtomicFile.WriteAllText(Path.Combine(outDir, ClipScoresCsv.FileName), ClipScoresCsv.Format(clips));
        AtomicFile.WriteAllBytes(Path.Combine(outDir, Reports.SpottingPlot.FileName), Reports.SpottingPlot.Png(clips));
        return problems.Count > 0 ? ExitCodes.InputFailed : ExitCodes.Success;
    }

    /// <summary>
    /// Every clip of <paramref name="truth"/> with results in <paramref name="resultsDir"/>, matched, with why each
    /// missed expression was missed added to <paramref name="misses"/>; what could not be read goes to <paramref name="problems"/>.
    /// </summary>
    private static List<ClipMatches> Score(string truth, string resultsDir, TruthOptions options, bool spottingOnly, List<string> problems,
        List<MissedExpression> misses)
    {
        var (labelled, loadProblems, notes) = TruthSet.Load(truth, resultsDir, options);
        problems.AddRange(loadProblems);
        foreach (var note in notes) Log.Warning("{Note}", note);
        var clips = new List<ClipMatches>();
        foreach (var clip in labelled)
        {
            try
            {
                var reported = EventsCsvReader.Read(clip.EventsPath);
                var unreported = File.Exists(clip.UnreportedPath) ? EventsCsvReader.ReadUnreported(clip.UnreportedPath) : null;
                if (spottingOnly && unreported is not null)
                {
                    reported.AddRange(SpottingOnly.Candidates(unreported, SpottingOnly.MicroMaxMs(clip.SummaryPath)));
                    unreported = unreported.Where(u => !SpottingOnly.EmotionReasons.Contains(u.Reason)).ToList();
                }
                List<Interval>? blinks = null;
                if (clip.Truth.BlinksComplete)
                {
                    if (File.Exists(clip.BlinksPath)) blinks = EventsCsvReader.ReadBlinks(clip.BlinksPath);
                    else Log.Warning("{Clip}: no {File}, so its blinks are not scored", clip.Name, Path.GetFileName(clip.BlinksPath));
                }
                var matches = SpottingEvaluator.Match(clip.Name, clip.Truth, reported, blinks);
                misses.AddRange(MissedExpressions.Explain(clip.Name, matches.Missed, reported, unreported,
                    new Lazy<MeasuredFrames?>(() => MeasuredFrames.Read(clip.FramesPath, clip.SummaryPath))));
                clips.Add(matches);
            }
            catch (FormatException e)
            {
                problems.Add(e.Message);
            }
        }
        return clips;
    }

    /// <summary>The truth options: a preset's columns with any column option put over them, and the ELAN tiers.</summary>
    private static TruthOptions Options(ParseResult parse)
    {
        var preset = parse.GetValue(Preset) is { } name
            ? CodingColumns.Preset(name) ?? throw new FormatException($"--preset must be casme2, samm, megc or faceflash, not '{name}'")
            : CodingColumns.Megc;
        var columns = preset with
        {
            Video = parse.GetValue(VideoColumn) ?? preset.Video,
            Onset = parse.GetValue(OnsetColumn) ?? preset.Onset,
            Apex = parse.GetValue(ApexColumn) ?? preset.Apex,
            Offset = parse.GetValue(OffsetColumn) ?? preset.Offset,
            Emotion = parse.GetValue(EmotionColumn) ?? preset.Emotion,
            Aus = parse.GetValue(AusColumn) ?? preset.Aus,
            Type = parse.GetValue(TypeColumn) ?? preset.Type,
            Units = parse.GetValue(Units) switch { "s" => CodingUnits.Seconds, "ms" => CodingUnits.Milliseconds, "frames" => CodingUnits.Frames, _ => preset.Units },
        };
        Dictionary<string, string>? tiers = null;
        foreach (var spec in parse.GetValue(Tier) ?? [])
        {
            var at = spec.LastIndexOf('=');
            var kind = at < 0 ? "" : spec[(at + 1)..].Trim().ToLowerInvariant();
            if (kind is not ("micro" or "macro" or ElanTruth.Blink)) throw new FormatException($"--tier {spec}: give NAME=micro, NAME=macro or NAME=blink");
            (tiers ??= [])[spec[..at]] = kind;
        }
        return new TruthOptions { Columns = columns, Tiers = tiers, FirstFrame = parse.GetValue(FirstFrame) };
    }

    private static void Print(EvaluationReport r)
    {
        static string F(double v, string format = "0.000") => double.IsNaN(v) ? "–" : v.ToString(format);
        var table = new Table().AddColumns("kind", "TP", "FP", "FN", "precision", "recall", "F1", "F1 95 % interval");
        foreach (var (k, interval) in new[] { (r.Micro, r.MicroF1Interval), (r.Macro, r.MacroF1Interval) })
            table.AddRow(k.Kind, k.TruePositives.ToString(), k.FalsePositives.ToString(), k.FalseNegatives.ToString(), F(k.Precision), F(k.Recall), F(k.F1),
                double.IsNaN(interval.Low) ? "–" : $"{F(interval.Low)}–{F(interval.High)}");
        AnsiConsole.Write(table);
        if (r.EmotionConfusion.Count > 0)
        {
            // Coded emotions down, reported across: where the accuracy below is lost.
            var reported = r.EmotionConfusion.Values.First().Keys.ToList();
            var confusion = new Table().AddColumns(["coded \\ reported", .. reported]);
            foreach (var (coded, row) in r.EmotionConfusion) confusion.AddRow([coded, .. reported.Select(e => row[e].ToString())]);
            AnsiConsole.Write(confusion);
        }
        // The lines go straight to standard output: Spectre wraps its own at 80 columns when the output is a file
        // (`eval … > scores.txt`), cutting a number from its unit.
        if (r.SpottingOnly) Console.WriteLine("spotting only: movements left out for their emotion alone counted as predictions");
        Console.WriteLine($"clips: {r.Clips}");
        Console.WriteLine($"emotion accuracy on matched events: {F(r.EmotionAccuracy)} (of {r.EmotionsScored})" + (r.EmotionsNotScored.Count == 0 ? ""
            : $"; not scored, coded outside the seven emotions: {string.Join(", ", r.EmotionsNotScored.Select(x => $"{x.Value} {x.Key}"))}"));
        Console.WriteLine($"false flags per minute on clips without events: {F(r.FalseFlagsPerMinuteWithoutEvents, "0.00")} ({F(r.MinutesWithoutEvents, "0.0")} min)");
        Console.WriteLine($"blinks flagged as micro-expressions: {F(r.BlinksFlaggedAsMicro)} of {r.Blinks}");
        if (r.Blink is { } blink)
            Console.WriteLine($"blinks found: {blink.TruePositives} of {blink.TruePositives + blink.FalseNegatives}, {blink.FalsePositives} reported where none was " +
                $"(precision {F(blink.Precision)}, recall {F(blink.Recall)}, F1 {F(blink.F1)}; {r.BlinkClips} clips coding every blink)");
        Console.WriteLine($"mean apex error: {F(r.MeanApexErrorMs, "0.0")} ms");
        foreach (var (kind, bins) in new[] { ("micro", r.MicroFoundByAmplitude), ("macro", r.MacroFoundByAmplitude) })
            if (bins.Count > 0)
                Console.WriteLine($"{kind}-expressions found, by amplitude: " + string.Join(", ", bins.Select(b => $"{b.FromPx}–{b.ToPx} px {b.Found} of {b.Injected}")));
        foreach (var (kind, missed) in new[] { ("micro", r.MicroMissed), ("macro", r.MacroMissed) })
            if (missed.Count > 0)
                Console.WriteLine($"missed {kind}-expressions, by why (misses.csv: the candidate that overlapped each most, or that none of its own did): " +
                    string.Join(", ", missed.Select(m => $"{m.Key} {m.Value}")));
        foreach (var (which, timing) in new[] { ("matched events'", r.Timing), ("micro", r.MicroTiming), ("macro", r.MacroTiming) })
        {
            if (double.IsNaN(timing.MedianOnsetErrorMs) && which != "matched events'") continue; // none of that kind matched
            Console.WriteLine($"{which} timing, median error: onset {F(timing.MedianOnsetErrorMs, "0.0")} ms, offset " +
                $"{F(timing.MedianOffsetErrorMs, "0.0")} ms, duration {F(timing.MedianDurationErrorMs, "0.0")} ms (signed " +
                $"{F(timing.MedianDurationBiasMs, "+0.0;−0.0;0.0")})" +
                // Only clips whose frame rate the truth gives count (ELAN documents give none).
                (timing.DurationsTimed > 0 ? $"; durations within one frame interval: {timing.DurationsWithinOneFrame} of {timing.DurationsTimed}" : ""));
        }
        if (r.Against is not { } against) return;
        Console.WriteLine($"against {against.Baseline} ({against.ClipsInCommon} clips in common), F1 difference [95 % interval]:");
        const string signed = "+0.000;−0.000;0.000";
        foreach (var (kind, c) in new[] { ("micro", against.Micro), ("macro", against.Macro) })
            Console.WriteLine($"  {kind} {F(c.Candidate)} vs {F(c.Baseline)}: {F(c.Difference, signed)} " +
                $"[{F(c.Interval.Low, signed)}, {F(c.Interval.High, signed)}]" + (c.Interval.Low > 0 || c.Interval.High < 0 ? "" : ", not told apart"));
    }
}
