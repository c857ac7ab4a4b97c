namespace FaceFlash.Core.Scoring;

/// <summary>How to read ground truth that is not FaceFlash's own: ELAN tiers, coding-table columns, frame numbering.</summary>
public sealed record TruthOptions
{
    /// <summary>ELAN tiers to read and their kinds; null reads the top-level tiers named micro or macro.</summary>
    public IReadOnlyDictionary<string, string>? Tiers { get; init; }

    /// <summary>A coding table's columns; null when the truth is not a table.</summary>
    public CodingColumns? Columns { get; init; }

    /// <summary>The number a coding table gives a video's first frame (image folders record their own).</summary>
    public long FirstFrame { get; init; } = 1;
}

/// <summary>One labelled clip and the events file FaceFlash wrote for it.</summary>
public sealed record LabelledClip(string Name, GroundTruth Truth, string EventsPath)
{
    /// <summary>The candidate movements the analysis left out, beside its events (<c>&lt;stem&gt;.unreported.csv</c>).</summary>
    public string UnreportedPath => Stem + ".unreported.csv";

    /// <summary>The blinks the analysis found, beside its events (<c>&lt;stem&gt;.blinks.csv</c>).</summary>
    public string BlinksPath => Stem + ".blinks.csv";

    /// <summary>The run's summary, beside its events (<c>&lt;stem&gt;.summary.json</c>).</summary>
    public string SummaryPath => Stem + ".summary.json";

    /// <summary>The frames file, beside its events (<c>&lt;stem&gt;.frames.csv</c>).</summary>
    public string FramesPath => Stem + ".frames.csv";

    private string Stem => EventsPath[..^".events.csv".Length];
}

/// <summary>
/// Gathers the labelled clips to score from any of the ground truths <c>faceflash eval</c> takes: a folder of
/// <c>&lt;stem&gt;.truth.json</c> (as <c>faceflash synth</c> writes), an <c>.eaf</c> file or a folder of them, or a
/// coding table (<c>.csv</c>/<c>.xlsx</c>). A clip whose results are missing or unreadable is a problem, reported
/// with one line, and the others are still scored.
/// </summary>
public static class TruthSet
{
    /// <returns>the clips, what kept a clip from being scored, and notes on what was left out of one</returns>
    public static (List<LabelledClip> Clips, List<string> Problems, List<string> Notes) Load(string truth, string results, TruthOptions options)
    {
        var clips = new List<LabelledClip>();
        var problems = new List<string>();
        var notes = new List<string>();

        // Results of a part of a video (analyze --from/--to) score the expressions coded in that part.
        List<T> InPart<T>(string video, FrameTimes times, List<T> coded, Func<T, bool> holds)
        {
            if (!times.IsPart) return coded;
            var inPart = coded.Where(holds).ToList();
            if (inPart.Count < coded.Count)
                notes.Add($"{video}: {coded.Count - inPart.Count} coded expression(s) lie outside the part analysed; left out");
            return inPart;
        }
        void Try(string name, Func<LabelledClip> load)
        {
            try
            {
                clips.Add(load());
            }
            catch (Exception e) when (e is FormatException or IOException or System.Text.Json.JsonException)
            {
                problems.Add(e.Message.StartsWith(name + ":", StringComparison.Ordinal) ? e.Message : $"{name}: {e.Message}"); // named once
            }
        }

        var extension = Path.GetExtension(truth).ToLowerInvariant();
        if (extension == ".xlsx" || CodingTable.IsText(truth))
        {
            var columns = options.Columns ?? CodingColumns.Megc;
            var coded = CodingTable.Read(truth, columns);
            foreach (var video in coded.GroupBy(c => c.Video))
                Try(video.Key, () =>
                {
                    var (events, framesCsv, summary) = Results(results, video.Key);
                    var times = FrameTimes.Read(framesCsv, summary, options.FirstFrame);
                    var inPart = InPart(video.Key, times, video.ToList(), c => times.Holds(c, columns.Units));
                    return new LabelledClip(video.Key, Truth(video.Key, times.DurationMs, inPart.Select(c => times.ToTruth(c, columns.Units))), events);
                });
        }
        // A folder of FaceFlash's own ground truth first: analysing it with --format elan puts .eaf files beside it.
        else if (extension != ".eaf" && Directory.Exists(truth) && Directory.EnumerateFiles(truth, "*" + GroundTruth.FileSuffix).Any())
        {
            foreach (var file in Directory.GetFiles(truth, "*" + GroundTruth.FileSuffix).Order())
            {
                var stem = Path.GetFileName(file)[..^GroundTruth.FileSuffix.Length];
                Try(stem, () => new LabelledClip(stem, GroundTruth.Parse(File.ReadAllText(file), file), Results(results, stem).Events));
            }
        }
        else if (extension == ".eaf" || Directory.Exists(truth) && Directory.EnumerateFiles(truth, "*.eaf").Any())
        {
            foreach (var eaf in extension == ".eaf" ? [truth] : Directory.GetFiles(truth, "*.eaf").Order().ToArray())
                Try(Path.GetFileName(eaf), () =>
                {
                    var (video, coded, blinks) = ElanTruth.Read(eaf, options.Tiers);
                    var (events, framesCsv, summary) = Results(results, video);
                    var times = FrameTimes.Read(framesCsv, summary, options.FirstFrame);
                    var truth = Truth(video, times.DurationMs, InPart(video, times, coded.ToList(), e => times.Holds(e.OnsetMs, e.OffsetMs)));
                    // A blink tier codes every blink: in a part analysed, every blink in that part.
                    if (blinks is not null) truth = truth with { Blinks = blinks.Where(b => times.Holds(b.OnsetMs, b.OffsetMs)).ToList(), BlinksComplete = true };
                    return new LabelledClip(video, truth, events);
                });
        }
        else
        {
            throw new FormatException($"{truth} holds no ground truth: give a folder of <stem>{GroundTruth.FileSuffix} or .eaf files, an .eaf file, or a .csv/.tsv/.txt/.xlsx coding table");
        }
        return (clips, problems, notes);
    }

    private static GroundTruth Truth(string video, double durationMs, IEnumerable<TruthEvent> events) =>
        new() { Video = video, Fps = 0, DurationMs = durationMs, Generator = "human coding", Events = events.ToList() };

    /// <summary>A video's results files (<see cref="ResultsStem"/>); a video without them is a problem named in one line.</summary>
    private static (string Events, string Frames, string Summary) Results(string results, string video) =>
        ResultsStem(results, video) is { } stem
            ? (stem + ".events.csv", stem + ".frames.csv", stem + ".summary.json")
            : throw new FormatException($"no {Path.Combine(results, video)}.events.csv; analyse the video first");

    /// <summary>
    /// The results in <paramref name="results"/> that a coded video's name stands for, as the path of their files less
    /// their endings: <c>RESULTS/&lt;video&gt;</c> (the folder tree <c>analyze --out</c> mirrors, <c>results/sub01/EP02_01f</c>),
    /// or the same name directly in RESULTS; a video named with its file's ending (<c>take.mp4</c>, as coders name
    /// files) by its name without it, as <c>analyze</c> names the results. Null when none has an events file. Eval's
    /// clips are named so, and <c>faceflash report</c> finds a clip's page by it.
    /// </summary>
    public static string? ResultsStem(string results, string video)
    {
        var named = new[] { video, Path.GetFileName(video) };
        return named.Concat(named.Select(n => Path.ChangeExtension(n, null))).Select(n => Path.Combine(results, n))
            .FirstOrDefault(stem => File.Exists(stem + ".events.csv"));
    }
}
