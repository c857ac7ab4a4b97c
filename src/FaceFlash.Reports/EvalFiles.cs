using System.Globalization;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Core.Text;

namespace FaceFlash.Reports;

/// <summary>
/// Reads back what <c>faceflash eval</c> wrote into a folder — <c>clips.csv</c>, <c>flags.csv</c>, <c>misses.csv</c> and
/// <c>blink-matches.csv</c> — so that each analysed video's report page shows its coding beside its events. A clip is
/// found as eval found it (<see cref="TruthSet.ResultsStem"/>). A video analysed again after eval scored it is left
/// out, as are eval files that cannot be read; the notes each call is given say so.
/// </summary>
public static class EvalFiles
{
    /// <summary>
    /// The codings eval's files in any of <paramref name="folders"/> hold for the results in <paramref name="results"/>
    /// (eval writes into the results' folder, or into its <c>--out</c> folder when they are read-only); where two
    /// evaluations scored a video, the later one's.
    /// </summary>
    public static IReadOnlyDictionary<string, VideoCoding> Read(IEnumerable<string> folders, string results, List<string> notes) =>
        Evaluated(folders).SelectMany(folder => Read(folder, results, notes)).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>The one of <paramref name="folders"/> eval wrote into last (null when it wrote into none).</summary>
    public static string? Newest(IEnumerable<string> folders) => Evaluated(folders).LastOrDefault();

    /// <summary>Those of <paramref name="folders"/> that hold eval's files, the one it wrote into first first.</summary>
    private static IEnumerable<string> Evaluated(IEnumerable<string> folders) =>
        folders.Select(Path.GetFullPath).Distinct()
            .Where(folder => new[] { ClipScoresCsv.FileName, FlagsCsv.FileName, MissesCsv.FileName }.All(file => File.Exists(Path.Combine(folder, file))))
            .OrderBy(folder => File.GetLastWriteTimeUtc(Path.Combine(folder, FlagsCsv.FileName)));

    /// <summary>
    /// The codings eval's files in <paramref name="folder"/> hold for the results in <paramref name="results"/>, keyed by
    /// each video's results less their endings (<see cref="Key"/>).
    /// </summary>
    private static IReadOnlyDictionary<string, VideoCoding> Read(string folder, string results, List<string> notes)
    {
        var (clipsPath, flagsPath, missesPath) = (Path.Combine(folder, ClipScoresCsv.FileName), Path.Combine(folder, FlagsCsv.FileName),
            Path.Combine(folder, MissesCsv.FileName));
        try
        {
            // Eval wrote no blink-matches.csv before 2026-12-07.
            var blinksPath = Path.Combine(folder, BlinkMatchesCsv.FileName);
            var blinks = File.Exists(blinksPath) ? Rows(blinksPath, BlinkMatchesCsv.Header) : null;
            return Codings(results, Rows(clipsPath, ClipScoresCsv.Header, ClipScoresCsv.HeaderUntil20261206), Rows(flagsPath, FlagsCsv.Header),
                Rows(missesPath, MissesCsv.Header), blinks, File.GetLastWriteTimeUtc(flagsPath), notes);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            notes.Add($"faceflash eval's files in {folder} cannot be read ({e.Message}); the pages leave the coding out");
            return new Dictionary<string, VideoCoding>();
        }
    }

    private static Dictionary<string, VideoCoding> Codings(string results, List<IReadOnlyDictionary<string, string>> clips,
        List<IReadOnlyDictionary<string, string>> flags, List<IReadOnlyDictionary<string, string>> misses, List<IReadOnlyDictionary<string, string>>? blinks,
        DateTime scoredAt, List<string> notes)
    {
        var codings = new Dictionary<string, VideoCoding>();
        var stale = new List<string>();
        var (flagsOf, missesOf, blinksOf) = (flags.ToLookup(f => f["clip"]), misses.ToLookup(m => m["clip"]), (blinks ?? []).ToLookup(b => b["clip"]));
        foreach (var clip in clips)
        {
            var name = clip["clip"];
            if (TruthSet.ResultsStem(results, name) is not { } stem) continue; // scored elsewhere, or its results since removed
            if (File.GetLastWriteTimeUtc(stem + ".events.csv") > scoredAt)
            {
                stale.Add(name);
                continue;
            }
            var missed = missesOf[name]
                .Select(m => new CodedExpression(m["kind"], Number(m, "onset_ms"), Number(m, "offset_ms"), m["emotion"], m["reason"], m["aus"]));
            var judged = flagsOf[name].Select(Judged).ToList();
            var found = judged.Where(j => j.Matched).Select(j => j.Coded! with { ReportedAs = j.Emotion });
            var counts = new CodingCounts(Count(clip, "micro_tp"), Count(clip, "micro_fp"), Count(clip, "micro_fn"),
                Count(clip, "macro_tp"), Count(clip, "macro_fp"), Count(clip, "macro_fn"));
            // Judged where the coding lists every blink (clips.csv's blinks_found has a count), none at all among them.
            var blinksJudged = blinks is not null && clip.TryGetValue("blinks_found", out var blinksFound) && blinksFound.Length > 0;
            codings[Key(stem)] = new VideoCoding(name, counts, judged, found.Concat(missed).OrderBy(c => c.OnsetMs).ToList(), scoredAt,
                blinksJudged ? blinksOf[name].Select(JudgedBlinkOf).ToList() : null);
        }
        // Said once: analyze --report over a folder eval scored before re-analyses every video in it.
        if (stale.Count > 0)
            notes.Add($"{(stale.Count == 1 ? stale[0] : $"{stale.Count} videos ({stale[0]} …)")} analysed again after faceflash eval scored " +
                      $"{(stale.Count == 1 ? "it" : "them")}: the coding is left out of {(stale.Count == 1 ? "its page" : "their pages")} (run faceflash eval again)");
        return codings;
    }

    /// <summary>How a video's results are keyed: the full path of its files less their endings.</summary>
    public static string Key(string stemPath) => Path.GetFullPath(stemPath);

    private static JudgedEvent Judged(IReadOnlyDictionary<string, string> f)
    {
        var coded = f["coded_kind"].Length == 0 ? null
            : new CodedExpression(f["coded_kind"], Number(f, "coded_onset_ms"), Number(f, "coded_offset_ms"), f["coded_emotion"], null);
        return new JudgedEvent(f["kind"], Number(f, "onset_ms"), Number(f, "offset_ms"), f["emotion"], f["outcome"] == "matched",
            f["iou"].Length == 0 ? null : Number(f, "iou"), coded);
    }

    /// <summary>A found or missed blink at its coded times, one reported where none was coded at its reported times.</summary>
    private static JudgedBlink JudgedBlinkOf(IReadOnlyDictionary<string, string> b) =>
        b["outcome"] == BlinkMatchesCsv.FalseBlink
            ? new JudgedBlink(BlinkMatchesCsv.FalseBlink, Number(b, "reported_onset_ms"), Number(b, "reported_offset_ms"))
            : new JudgedBlink(b["outcome"], Number(b, "coded_onset_ms"), Number(b, "coded_offset_ms"));

    /// <summary>
    /// A file's rows by column name; throws <see cref="FormatException"/> when its header is neither <paramref name="header"/>
    /// nor one an earlier build wrote (<paramref name="earlier"/>).
    /// </summary>
    private static List<IReadOnlyDictionary<string, string>> Rows(string path, string header, params string[] earlier)
    {
        if (File.ReadLines(path).FirstOrDefault() is not { } first || (first != header && !earlier.Contains(first)))
            throw new FormatException($"{Path.GetFileName(path)}'s header should be '{header}'");
        return DelimitedText.Records(path);
    }

    private static double Number(IReadOnlyDictionary<string, string> row, string column) =>
        double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"column {column} holds '{row[column]}', not a number");

    private static int Count(IReadOnlyDictionary<string, string> row, string column) => (int)Number(row, column);
}
