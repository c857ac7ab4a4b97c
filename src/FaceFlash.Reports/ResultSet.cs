using System.Globalization;
using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Reports;

/// <summary>One face's AU intensities over time, read back from a frames CSV.</summary>
public sealed class FaceTimeline(int faceId)
{
    public int FaceId { get; } = faceId;
    public List<double> Seconds { get; } = [];
    public Dictionary<ActionUnit, List<double>> Intensities { get; } = ActionUnitInfo.Bilateral.ToDictionary(a => a, _ => new List<double>());
}

/// <summary>An event row with the face box at its onset and apex (from the frames CSV), for crops; its frames where the events file has them.</summary>
public sealed record ReportEvent(int FaceId, string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion, string Aus, double Confidence,
    (double X, double Y, double W, double H)? OnsetBox, (double X, double Y, double W, double H)? ApexBox, (long Onset, long Apex, long Offset)? Frames = null);

/// <summary>A movement the segmenter judged and did not report (a row of <c>&lt;stem&gt;.unreported.csv</c>).</summary>
public sealed record ReportUnreported(int FaceId, double OnsetMs, double OffsetMs, string Reason, string Aus);

/// <summary>Everything one analysed video left in a results folder: frames, events, blinks, unreported movements and summary.</summary>
public sealed class ResultSet
{
    public required string Stem { get; init; }
    public required string Directory { get; init; }
    public required JsonElement Summary { get; init; }
    public required IReadOnlyList<FaceTimeline> Faces { get; init; }
    public required IReadOnlyList<ReportEvent> Events { get; init; }
    public required IReadOnlyList<(int FaceId, double OnsetMs, double OffsetMs)> Blinks { get; init; }

    /// <summary>Empty for results written before FaceFlash kept them.</summary>
    public required IReadOnlyList<ReportUnreported> Unreported { get; init; }

    /// <summary>The stretches of the faces' tracks in which no movement could be reported, as the summary lists them; empty for an earlier build's.</summary>
    public required IReadOnlyList<Core.Segmentation.UnmeasuredStretch> Unmeasured { get; init; }

    /// <summary>
    /// What was analysed: a video's path, or a live session's source (a camera index, a stream, a file played in real
    /// time). A session recorded with <c>--record</c> is its raw recording beside the results, which holds its frames
    /// at the session's times whatever the source was.
    /// </summary>
    public string? Input =>
        Summary.TryGetProperty("raw_recording", out var raw) && raw.ValueKind == JsonValueKind.Array && raw.GetArrayLength() > 0
            ? Path.Combine(Directory, raw[0].GetString()!)
            : Summary.TryGetProperty("input", out var input) ? input.GetString()
            : Summary.TryGetProperty("source", out var source) ? source.GetString() : null;

    /// <summary>
    /// The input to read frames from again (for crops, the player, the tracked video): <paramref name="moved"/> when the
    /// user names where it is now, else <see cref="Input"/> — but not a stream (standard input, a FIFO, a camera),
    /// which opening again would wait on.
    /// </summary>
    public string? ReadableInput(string? moved) => moved ?? (Input is { } input && !Vision.Capture.VideoSource.IsReadOnce(input) ? input : null);

    /// <summary>One of the results' files, by what follows the stem (<c>frames.csv</c>, <c>events.csv</c>).</summary>
    public string PathOf(string kind) => Path.Combine(Directory, $"{Stem}.{kind}");

    /// <summary>A number from the summary; null when it has none (or not as a number).</summary>
    public double? SummaryNumber(string name) =>
        Summary.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Every analysed video in a folder: those with a summary and a frames CSV.</summary>
    public static IEnumerable<string> Stems(string directory) => Summarised(directory).Where(stem => HasFrames(directory, stem));

    /// <summary>Those with a summary and no frames CSV to plot: a live session run without <c>--frames</c>.</summary>
    public static IEnumerable<string> WithoutFrames(string directory) => Summarised(directory).Where(stem => !HasFrames(directory, stem));

    private static IEnumerable<string> Summarised(string directory) =>
        System.IO.Directory.GetFiles(directory, "*.summary.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".summary.json".Length]);

    private static bool HasFrames(string directory, string stem) => File.Exists(Path.Combine(directory, stem + ".frames.csv"));

    /// <summary>
    /// <paramref name="root"/> and every folder under it that holds analysed videos, in order: <c>analyze --out DIR</c>
    /// mirrors a folder input's tree there. Hidden folders and symbolic links are passed over (analyze makes neither),
    /// as are folders that cannot be read.
    /// </summary>
    public static IEnumerable<string> Folders(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint,
        };
        return System.IO.Directory.EnumerateDirectories(root, "*", options).Prepend(root).Order(StringComparer.Ordinal).Where(d => Summarised(d).Any());
    }

    /// <summary>How a video's results are named from <paramref name="root"/>: the stem, with its folder's path under the root (<c>grid/bbaf2n</c>).</summary>
    public static string NameFrom(string root, string folder, string stem) =>
        Path.GetRelativePath(root, folder) is var path && path == "." ? stem : Path.Combine(path, stem);

    public static ResultSet Load(string directory, string stem)
    {
        string PathOf(string suffix) => Path.Combine(directory, $"{stem}.{suffix}");
        using var summary = ReadSummary(PathOf("summary.json"));
        var (faces, boxes) = ReadFrames(PathOf("frames.csv"));
        var events = File.Exists(PathOf("events.csv")) ? ReadEvents(PathOf("events.csv"), boxes) : [];
        var blinks = Rows(PathOf("blinks.csv")).Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), Number(f[1]), Number(f[2]))).ToList();
        var unreported = Rows(PathOf("unreported.csv"))
            .Select(f => new ReportUnreported(int.Parse(f[0], CultureInfo.InvariantCulture), Number(f[1]), Number(f[2]), f[4], f[5])).ToList();
        return new ResultSet
        {
            Stem = stem, Directory = directory, Summary = summary.RootElement.Clone(), Faces = faces, Events = events, Blinks = blinks,
            Unreported = unreported, Unmeasured = Core.Segmentation.UnmeasuredStretch.ListedIn(summary.RootElement),
        };
    }

    /// <summary>A run's summary; a damaged or edited one throws <see cref="FormatException"/> naming it.</summary>
    internal static JsonDocument ReadSummary(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{Path.GetFileName(path)} cannot be read (damaged, or edited): {e.Message}");
        }
    }

    /// <summary>A small CSV's fields, header skipped; none when the file is absent.</summary>
    private static IEnumerable<string[]> Rows(string path) =>
        File.Exists(path) ? File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')) : [];

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>AU timelines per face, and per face and frame time the landmarks' bounding box (for crops).</summary>
    private static (List<FaceTimeline>, Dictionary<int, SortedList<double, (double, double, double, double)>>) ReadFrames(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',') ?? throw new FormatException($"{path} is empty");
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new FormatException($"{path} has no column {name}");
        var (face, time, success) = (Column("face_id"), Column("timestamp"), Column("success"));
        var auColumns = ActionUnitInfo.Bilateral.Select(a => (Au: a, Index: Array.IndexOf(header, $"{a}_r"))).Where(c => c.Index >= 0).ToArray();
        // The face box has columns of its own, written whichever landmark columns were asked for.
        var (x, y, width, height) = (Column("face_x"), Column("face_y"), Column("face_width"), Column("face_height"));
        var faces = new Dictionary<int, FaceTimeline>();
        var boxes = new Dictionary<int, SortedList<double, (double, double, double, double)>>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var f = line.Split(',');
            if (f.Length != header.Length) throw CutShort(Path.GetFileName(path), number, f.Length, header.Length);
            if (f[success] != "1") continue;
            var id = int.Parse(f[face], CultureInfo.InvariantCulture);
            var seconds = Number(f[time]);
            if (!faces.TryGetValue(id, out var timeline)) faces[id] = timeline = new FaceTimeline(id);
            timeline.Seconds.Add(seconds);
            foreach (var (au, index) in auColumns)
                timeline.Intensities[au].Add(f[index].Length > 0 ? Number(f[index]) : double.NaN);
            if (!boxes.TryGetValue(id, out var list)) boxes[id] = list = [];
            list[seconds * 1000] = (Number(f[x]), Number(f[y]), Number(f[width]), Number(f[height]));
        }
        return (faces.Values.OrderBy(t => t.FaceId).ToList(), boxes);
    }

    /// <summary>A file cut short (a copy that stopped, a disk that filled) or edited ends in a row of another width than its header.</summary>
    internal static FormatException CutShort(string file, int line, int fields, int headerFields) =>
        new($"{file} line {line} has {fields} fields, its header {headerFields}: the file is cut short or was edited");

    private static List<ReportEvent> ReadEvents(string path, Dictionary<int, SortedList<double, (double, double, double, double)>> boxes)
    {
        (double, double, double, double)? Box(int face, double ms)
        {
            if (!boxes.TryGetValue(face, out var list) || list.Count == 0) return null;
            var keys = list.Keys;
            var best = 0;
            for (var i = 1; i < keys.Count; i++) if (Math.Abs(keys[i] - ms) < Math.Abs(keys[best] - ms)) best = i;
            return list.Values[best];
        }
        return EventsCsvReader.ReadRows(path).Select(r =>
            new ReportEvent(r.FaceId, r.Kind, r.OnsetMs, r.ApexMs, r.OffsetMs, r.Emotion, r.Aus, r.Confidence, Box(r.FaceId, r.OnsetMs), Box(r.FaceId, r.ApexMs), r.Frames)).ToList();
    }
}
