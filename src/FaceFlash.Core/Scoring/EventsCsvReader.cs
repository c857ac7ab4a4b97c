using System.Globalization;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Scoring;

/// <summary>A row of an events CSV as written; <see cref="Frames"/> is null in a file an earlier build wrote, which had no frame columns.</summary>
public sealed record EventRow(int FaceId, string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion, string Aus, double Confidence, bool Truncated,
    (long Onset, long Apex, long Offset)? Frames);

/// <summary>
/// Reads an events CSV, or the unreported movements or blinks beside it, back (for evaluation and reports); refuses a file whose
/// header is not FaceFlash's.
/// </summary>
public static class EventsCsvReader
{
    public static List<PredictedEvent> Read(string path) =>
        ReadRows(path).Select(r => new PredictedEvent(r.Kind, r.OnsetMs, r.ApexMs, r.OffsetMs, r.Emotion)).ToList();

    public static List<EventRow> ReadRows(string path) => ReadRows(path, File.ReadAllLines(path));

    /// <summary>The rows of an events file's <paramref name="lines"/>, read already (<paramref name="path"/> names it in errors).</summary>
    public static List<EventRow> ReadRows(string path, string[] lines)
    {
        EventRow Row(string[] f, int line) => new((int)Number(f[0], path, line), f[1], Number(f[2], path, line), Number(f[3], path, line),
            Number(f[4], path, line), f[6], f[7], Number(f[8], path, line), Number(f[9], path, line) != 0,
            f.Length > 10 ? ((long)Number(f[10], path, line), (long)Number(f[11], path, line), (long)Number(f[12], path, line)) : null);
        return Rows(path, lines, "events", (EventsCsvWriter.EventsHeader, 13), (EventsCsvWriter.EventsHeaderUntil20261206, 10), Row);
    }

    /// <summary>Whether an events file's <paramref name="lines"/> are an earlier build's, without the frame columns.</summary>
    public static bool WithoutFrames(string[] lines) => lines.Length > 0 && lines[0] == EventsCsvWriter.EventsHeaderUntil20261206;

    /// <summary>The candidate movements of <c>&lt;stem&gt;.unreported.csv</c> (an earlier build's too, without the frame columns).</summary>
    public static List<UnreportedRow> ReadUnreported(string path)
    {
        var lines = File.ReadAllLines(path);
        UnreportedRow Row(string[] f, int line) => new((int)Number(f[0], path, line), Number(f[1], path, line), Number(f[2], path, line), f[4], f[5]);
        return Rows(path, lines, "unreported-movements", (EventsCsvWriter.UnreportedHeader, 8), (EventsCsvWriter.UnreportedHeaderUntil20261206, 6), Row);
    }

    /// <summary>The blinks of <c>&lt;stem&gt;.blinks.csv</c> (an earlier build's too, without <c>truncated</c>), as intervals.</summary>
    public static List<Interval> ReadBlinks(string path)
    {
        var lines = File.ReadAllLines(path);
        Interval Row(string[] f, int line) => new(Number(f[1], path, line), Number(f[2], path, line));
        return Rows(path, lines, "blinks", (EventsCsvWriter.BlinksHeader, 6), (EventsCsvWriter.BlinksHeaderUntil20261206, 5), Row);
    }

    /// <summary>
    /// A file's rows as written now (<paramref name="current"/>'s header and field count), or as an earlier build
    /// wrote them (<paramref name="earlier"/>'s: the same columns less those added at the end since).
    /// </summary>
    private static List<T> Rows<T>(string path, string[] lines, string what, (string Header, int Fields) current, (string Header, int Fields) earlier,
        Func<string[], int, T> parse)
    {
        var (header, fields) = lines.Length > 0 && lines[0] == earlier.Header ? earlier : current;
        return Rows(path, lines, what, header, fields, parse);
    }

    private static List<T> Rows<T>(string path, string[] lines, string what, string header, int fields, Func<string[], int, T> parse)
    {
        if (lines.Length == 0 || lines[0] != header)
            throw new FormatException($"{path} is not a FaceFlash {what} file (its header should be '{header}')");
        var rows = new List<T>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != fields) throw new FormatException($"{path} line {i + 1}: expected {fields} fields, found {f.Length}");
            rows.Add(parse(f, i));
        }
        return rows;
    }

    private static double Number(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{path} line {line + 1}: '{text}' is not a number");
}
