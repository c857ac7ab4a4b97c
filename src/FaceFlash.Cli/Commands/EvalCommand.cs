using System.CommandLine;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using Serilog;
using Spectre.Console;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash eval GROUND_TRUTH_DIR RESULTS_DIR</c>: the MEGC spotting protocol over labelled clips.</summary>
public static class EvalCommand
{
    private static readonly Argument<string> Truth = new("GROUND_TRUTH_DIR") { Description = "Folder of <stem>.truth.json files (as faceflash synth writes them)." };
    private static readonly Argument<string> Results = new("RESULTS_DIR") { Description = "Folder of <stem>.events.csv files (as faceflash analyze writes them)." };

    public static Command Create()
    {
        var command = new Command("eval", "Score spotting against ground truth (MEGC protocol: IoU ≥ 0.5 with an unmatched truth of the same kind); writes RESULTS_DIR/eval.json.")
        {
            Truth, Results,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        var truthDir = parse.GetValue(Truth)!;
        var resultsDir = parse.GetValue(Results)!;
        if (!Directory.Exists(truthDir) || !Directory.Exists(resultsDir))
        {
            Log.Error("{Dir} is not a folder", Directory.Exists(truthDir) ? resultsDir : truthDir);
            return ExitCodes.InputFailed;
        }
        var clips = new List<ClipMatches>();
        var missing = 0;
        foreach (var file in Directory.GetFiles(truthDir, "*" + Synthesis.SynthJob.TruthSuffix).Order())
        {
            var stem = Path.GetFileName(file)[..^Synthesis.SynthJob.TruthSuffix.Length];
            var events = Path.Combine(resultsDir, stem + ".events.csv");
            if (!File.Exists(events))
            {
                Log.Error("{Stem}: no {Events}; analyse the clip first", stem, events);
                missing++;
                continue;
            }
            try
            {
                clips.Add(SpottingEvaluator.Match(stem, GroundTruth.Parse(File.ReadAllText(file), file), EventsCsvReader.Read(events)));
            }
            catch (FormatException e)
            {
                Log.Error("{Reason}", e.Message);
                missing++;
            }
        }
        if (clips.Count == 0)
        {
            Log.Error("no clip could be scored: {Dir} holds no ground truth with matching results", truthDir);
            return ExitCodes.InputFailed;
        }
        var report = SpottingEvaluator.Pool(clips);
        Print(report);
        AtomicFile.WriteAllText(Path.Combine(resultsDir, "eval.json"), JsonSerializer.Serialize(report, FaceFlash.Core.Output.JsonFiles.Options) + "\n");
        return missing > 0 ? ExitCodes.InputFailed : ExitCodes.Success;
    }

    private static void Print(EvaluationReport r)
    {
        static string F(double v, string format = "0.000") => double.IsNaN(v) ? "–" : v.ToString(format);
        var table = new Table().AddColumns("kind", "TP", "FP", "FN", "precision", "recall", "F1");
        foreach (var k in new[] { r.Micro, r.Macro })
            table.AddRow(k.Kind, k.TruePositives.ToString(), k.FalsePositives.ToString(), k.FalseNegatives.ToString(), F(k.Precision), F(k.Recall), F(k.F1));
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"clips: {r.Clips}");
        AnsiConsole.WriteLine($"emotion accuracy on matched events: {F(r.EmotionAccuracy)}");
        AnsiConsole.WriteLine($"false flags per minute on clips without events: {F(r.FalseFlagsPerMinuteWithoutEvents, "0.00")} ({F(r.MinutesWithoutEvents, "0.0")} min)");
        AnsiConsole.WriteLine($"blinks flagged as micro-expressions: {F(r.BlinksFlaggedAsMicro)} of {r.Blinks}");
        AnsiConsole.WriteLine($"mean apex error: {F(r.MeanApexErrorMs, "0.0")} ms");
    }
}
