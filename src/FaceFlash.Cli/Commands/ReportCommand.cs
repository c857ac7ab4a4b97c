using System.CommandLine;
using FaceFlash.Core.Output;
using FaceFlash.Pipeline.Batch;
using FaceFlash.Reports;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash report RESULTS_DIR [--video VIDEO] [--png] [--tracked] [--out DIR]</c>: an HTML page per analysed video, an index and the study's tables.</summary>
public static class ReportCommand
{
    private static readonly Argument<string> Results = new("RESULTS_DIR") { Description = "Folder with faceflash analyze outputs (<stem>.frames.csv, .events.csv, .summary.json …), in it or in folders under it." };
    private static readonly Option<string?> Video = new("--video") { Description = "The analysed video, when it has moved since the analysis (for face crops and links); only with one video in the folder.", HelpName = "VIDEO" };
    private static readonly Option<bool> Png = new("--png") { Description = "Also write each timeline plot as <stem>.face<N>.timeline.png." };

    private static readonly Option<bool> Tracked = new("--tracked")
    {
        Description = "Also write <stem>.tracked.avi: the video with what was found drawn on each frame (faces, mesh, AUs, a timeline, each event from its onset), as OpenFace's tracked video; Motion-JPEG at the rate the video's file declares.",
    };

    private static readonly Option<string?> Out = new("--out", "-o")
    {
        Description = "Folder for the reports, RESULTS_DIR's folders mirrored in it (default: beside the results; give one when they are read-only).",
        HelpName = "DIR",
    };

    public static Command Create()
    {
        var command = new Command("report", "Write a self-contained HTML report per analysed video (AU timelines with events, events with face crops, counts, settings), an index.html and the study's tables (videos.csv: a row per video; events.csv: every video's events). Where faceflash eval scored the results (its files in RESULTS_DIR or --out), each page shows the coding beside the events: found, missed and false flags.")
        {
            Results, Video, Png, Tracked, Out,
        };
        command.SetAction(parse => Run(parse.GetValue(Results)!, parse.GetValue(Video), parse.GetValue(Png), parse.GetValue(Out),
            parse.GetValue(Tracked) ? TrackedVideos.Redrawn : TrackedVideos.None,
            new Terminal.ProgressDisplay(parse.GetValue(CommonOptions.Quiet))));
        return command;
    }

    /// <summary>
    /// Reports for every analysed video in <paramref name="directory"/> and the folders under it (<c>analyze --out
    /// DIR</c> mirrors a folder input's tree there), each beside its results — or in <paramref name="outDir"/>, the
    /// folders mirrored — and one index of them all (also used by <c>analyze --report</c>).
    /// </summary>
    /// <param name="display">shows a bar while a tracked video is drawn (the one long piece of work here)</param>
    public static int Run(string directory, string? video, bool png, string? outDir = null, TrackedVideos tracked = TrackedVideos.None,
        Terminal.ProgressDisplay? display = null)
    {
        if (!Directory.Exists(directory))
        {
            Log.Error("{Dir} is not a folder", directory);
            return ExitCodes.InputFailed;
        }
        var reports = outDir ?? directory;
        if (OutputFolder.Unwritable(reports) is { } unwritable)
        {
            Log.Error("{Reason}{Hint}", unwritable, outDir is null ? "; give --out DIR for the reports" : "");
            return ExitCodes.InputFailed;
        }
        var folders = ResultSet.Folders(directory).ToList();
        var results = folders.SelectMany(folder => ResultSet.Stems(folder).Select(stem => (Folder: folder, Stem: stem))).ToList();
        // A live session run without --frames has a summary and events, but no AU timelines to plot.
        var withoutFrames = folders.SelectMany(folder => ResultSet.WithoutFrames(folder).Select(stem => (Folder: folder, Stem: stem))).ToList();
        foreach (var (folder, stem) in withoutFrames)
            Log.Warning("{Stem}: no frames CSV to plot (a live session run without --frames?); no page, but in the study's tables", ResultSet.NameFrom(directory, folder, stem));
        if (results.Count == 0)
        {
            Log.Error("{Dir} holds no analysis results (no <stem>.summary.json with its frames CSV, in it or in a folder under it)", directory);
            return ExitCodes.InputFailed;
        }
        if (video is not null && results.Count > 1)
        {
            Log.Error("--video names one video, but {Dir} holds results of {Count}", directory, results.Count);
            return ExitCodes.Usage;
        }
        var evalNotes = new List<string>();
        var evalFolders = new[] { directory, outDir }.OfType<string>().ToList();
        var codings = EvalFiles.Read(evalFolders, directory, evalNotes);
        foreach (var note in evalNotes) Log.Warning("{Note}", note);
        var entries = new List<ReportEntry>();
        var tables = new StudyTables();
        var failed = 0;
        foreach (var (folder, stem, withPage) in results.Select(r => (r.Folder, r.Stem, true)).Concat(withoutFrames.Select(r => (r.Folder, r.Stem, false))))
        {
            var name = ResultSet.NameFrom(directory, folder, stem);
            try
            {
                var entry = withPage ? Page(ResultSet.Load(folder, stem), Directory.CreateDirectory(Path.Combine(reports, Path.GetRelativePath(directory, folder))).FullName) : null;
                tables.Add(name, folder, stem, entry?.Warning);
                if (entry is null) continue;
                entries.Add(entry);
                Log.Information("{Stem}: {Page}", name, entry.Page);
            }
            // A damaged result, a recording whose timestamps beside it cannot be read (for crops), a full disk.
            catch (Exception e) when (e is FormatException or IOException or Vision.Capture.SourceException)
            {
                failed++;
                Log.Error("{Stem}: {Reason}", name, e.Message);
            }
        }
        HtmlReport.WriteIndex(reports, entries, codings.Count > 0 ? EvalFiles.Newest(evalFolders) : null);
        tables.Write(reports);
        return failed > 0 ? ExitCodes.InputFailed : ExitCodes.Success;

        ReportEntry Page(ResultSet result, string pageFolder)
        {
            var coding = codings.GetValueOrDefault(EvalFiles.Key(Path.Combine(result.Directory, result.Stem)));
            string? trackedVideo = null;
            var input = tracked != TrackedVideos.None ? result.ReadableInput(video) : null;
            if (tracked != TrackedVideos.None && input is null) Log.Warning("{Stem}: its input cannot be read again (a camera or a stream); no tracked video", result.Stem);
            else if (tracked == TrackedVideos.KeptWhenCurrent && input is not null && TrackedVideo.Current(result, input, pageFolder, coding) is { } current)
            {
                trackedVideo = current;
                Log.Information("{Stem}: its tracked video is newer than its results, kept", result.Stem);
            }
            else if (input is not null)
            {
                // An input moved since the analysis still gets its page, as its crops are left out.
                try
                {
                    trackedVideo = (display ?? new Terminal.ProgressDisplay(quiet: true))
                        .Run(result.Stem + ReportFiles.TrackedVideoSuffix, progress => TrackedVideo.Write(result, input, pageFolder, progress, coding));
                }
                catch (Vision.Capture.SourceException e)
                {
                    Log.Warning("{Stem}: {Reason}; no tracked video (give --video where it is now)", result.Stem, e.Message);
                }
            }
            return HtmlReport.Write(result, pageFolder, video, png, trackedVideo, coding);
        }
    }
}

/// <summary>Whether the report pages come with tracked videos, and whether one drawn after its results is drawn again.</summary>
public enum TrackedVideos
{
    None,
    Redrawn,

    /// <summary><c>analyze --tracked</c>: a re-run skips the videos already analysed, and keeps their tracked videos too.</summary>
    KeptWhenCurrent,
}
