using System.Text.Json;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Reports;

/// <summary>
/// A study's results as two tables beside <c>index.html</c>, for statistics without gathering files first:
/// <c>videos.csv</c>, one row per analysed video or live session (its duration and rate, so that rates per minute follow,
/// and its counts), and <c>events.csv</c>, every video's events, each row led by its video. Gathering them by hand took
/// a summary's JSON per video for the duration, and R's <c>rbind</c> of a video without events (a header alone) fails.
/// </summary>
public sealed class StudyTables
{
    public const string VideosFile = "videos.csv", EventsFile = "events.csv";

    public static readonly string VideosHeader = "video,status,duration_s,fps_measured,frames,frames_with_face,face_time_s,reference_retakes,unmeasured_s,micro_min_ms,micro_max_ms,micro,macro,blinks," +
        string.Join(',', EmotionNames.All.Select(EmotionNames.Name)) + ",note";

    public const string EventsHeader = "video," + EventsCsvWriter.EventsHeader;

    private readonly List<(string Name, string Row, IReadOnlyList<string> Events)> _videos = [];

    /// <summary>
    /// Adds the results of <paramref name="stem"/> in <paramref name="folder"/>, named <paramref name="name"/>; throws
    /// <see cref="FormatException"/> when its summary or events file is damaged, leaving the tables as they were.
    /// </summary>
    /// <param name="note">the note the index gives the video (its first warning), if any</param>
    public void Add(string name, string folder, string stem, string? note)
    {
        string PathOf(string suffix) => Path.Combine(folder, $"{stem}.{suffix}");
        JsonElement summary;
        using (var json = ResultSet.ReadSummary(PathOf("summary.json"))) summary = json.RootElement.Clone();
        var eventsPath = PathOf("events.csv");
        var lines = File.Exists(eventsPath) ? File.ReadAllLines(eventsPath) : null;
        var events = lines is null ? [] : EventsCsvReader.ReadRows(eventsPath, lines);
        var blinksPath = PathOf("blinks.csv");
        var blinks = File.Exists(blinksPath) ? File.ReadLines(blinksPath).Skip(1).Count(l => l.Length > 0) : 0;

        var text = new StringWriter { NewLine = "\n" };
        var row = new CsvRowWriter(text);
        row.Text(name);
        // A video's status (complete, cancelled, incomplete); a live session says how it ended (quit, source ended, interrupted).
        row.Text(String(summary, "status") ?? String(summary, "ended") ?? "");
        Number(row, summary, "duration_s");
        Number(row, summary, "fps_measured");
        Number(row, summary, summary.TryGetProperty("frames_written", out _) ? "frames_written" : "frames_processed");
        Number(row, summary, "frames_with_face");
        Number(row, summary, "face_time_s");
        Number(row, summary, "reference_retakes");
        Number(row, summary, "unmeasured_s");
        // What counted as micro: with --format megc up to 500 ms, so counts of runs with other settings differ in kind.
        var segmenter = summary.TryGetProperty("segmenter", out var s) ? s : default;
        Number(row, segmenter, "micro_min_ms");
        Number(row, segmenter, "micro_max_ms");
        row.Field(events.Count(e => e.Kind == "micro"));
        row.Field(events.Count(e => e.Kind == "macro"));
        row.Field(blinks);
        foreach (var emotion in EmotionNames.All) row.Field(events.Count(e => e.Emotion == EmotionNames.Name(emotion)));
        row.Text(note ?? "");
        row.EndRow();
        // Each event's row as its video's file has it (validated above), led by the video; an earlier build's file has
        // no frame columns, which are then empty (NA), so every row has the table's columns.
        var frameless = lines is not null && EventsCsvReader.WithoutFrames(lines) ? ",,," : "";
        var eventRows = lines is null ? [] : lines.Skip(1).Where(l => l.Length > 0).Select(l => l + frameless).ToList();
        _videos.Add((name, text.ToString(), eventRows));
    }

    /// <summary>Writes both tables into <paramref name="directory"/>, videos in the order of their names.</summary>
    public void Write(string directory)
    {
        using (var videos = new AtomicFile(Path.Combine(directory, VideosFile)))
        {
            videos.Writer.Write(VideosHeader + "\n");
            foreach (var video in _videos.OrderBy(v => v.Name, StringComparer.Ordinal)) videos.Writer.Write(video.Row);
            videos.Commit();
        }
        using var events = new AtomicFile(Path.Combine(directory, EventsFile));
        events.Writer.Write(EventsHeader + "\n");
        var row = new CsvRowWriter(events.Writer);
        foreach (var video in _videos.OrderBy(v => v.Name, StringComparer.Ordinal))
            foreach (var line in video.Events)
            {
                row.Text(video.Name);
                row.Field(line);
                row.EndRow();
            }
        events.Commit();
    }

    private static string? String(JsonElement summary, string name) =>
        summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A summary's number as the summary wrote it; empty (NA) where it is absent or was not measured.</summary>
    private static void Number(CsvRowWriter row, JsonElement summary, string name)
    {
        if (summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number) row.Field(v.GetRawText());
        else row.Empty();
    }
}
