using System.CommandLine;
using FaceFlash.Reports;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash report RESULTS_DIR [--video VIDEO] [--png]</c>: an HTML page per analysed video and an index.</summary>
public static class ReportCommand
{
    private static readonly Argument<string> Results = new("RESULTS_DIR") { Description = "Folder with faceflash analyze outputs (<stem>.frames.csv, .events.csv, .summary.json …)." };
    private static readonly Option<string?> Video = new("--video") { Description = "The analysed video, when it has moved since the analysis (for face crops and links); only with one video in the folder.", HelpName = "VIDEO" };
    private static readonly Option<bool> Png = new("--png") { Description = "Also write each timeline plot as <stem>.face<N>.timeline.png." };

    public static Command Create()
    {
        var command = new Command("report", "Write a self-contained HTML report per analysed video (AU timelines with events, events with face crops, counts, settings) and an index.html.")
        {
            Results, Video, Png,
        };
        command.SetAction(parse => Run(parse.GetValue(Results)!, parse.GetValue(Video), parse.GetValue(Png)));
        return command;
    }

    /// <summary>Reports for every analysed video in <paramref name="directory"/> (also used by <c>analyze --report</c>).</summary>
    public static int Run(string directory, string? video, bool png)
    {
        if (!Directory.Exists(directory))
        {
            Log.Error("{Dir} is not a folder", directory);
            return ExitCodes.InputFailed;
        }
        var stems = ResultSet.Stems(directory).ToList();
        if (stems.Count == 0)
        {
            Log.Error("{Dir} holds no analysis results (no <stem>.summary.json with its frames CSV)", directory);
            return ExitCodes.InputFailed;
        }
        if (video is not null && stems.Count > 1)
        {
            Log.Error("--video names one video, but {Dir} holds results of {Count}", directory, stems.Count);
            return ExitCodes.Usage;
        }
        var entries = new List<ReportEntry>();
        var failed = 0;
        foreach (var stem in stems)
        {
            try
            {
                entries.Add(HtmlReport.Write(ResultSet.Load(directory, stem), directory, video, png));
                Log.Information("{Stem}: {Page}", stem, Path.Combine(directory, stem + ".report.html"));
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                failed++;
                Log.Error("{Stem}: {Reason}", stem, e.Message);
            }
        }
        HtmlReport.WriteIndex(directory, entries);
        return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Success;
    }
}
