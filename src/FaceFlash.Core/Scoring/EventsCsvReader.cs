using System.Globalization;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Scoring;

/// <summary>A row of an events CSV as written.</summary>
public sealed record EventRow(int FaceId, string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion, string Aus, double Confidence, bool Truncated);

/// <summary>Reads an events CSV back (for evaluation and reports); refuses a file whose header is not FaceFlash's.</summary>
public static class EventsCsvReader
{
    public static List<PredictedEvent> Read(string path) =>
        ReadRows(path).Select(r => new PredictedEvent(r.Kind, r.OnsetMs, r.ApexMs, r.OffsetMs, r.Emotion)).ToList();

    public static List<EventRow> ReadRows(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != EventsCsvWriter.EventsHeader)
            throw new FormatException($"{path} is not a FaceFlash events file (its header should be '{EventsCsvWriter.EventsHeader}')");
        var rows = new List<EventRow>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 10) throw new FormatException($"{path} line {i + 1}: expected 10 fields, found {f.Length}");
            rows.Add(new EventRow((int)Number(f[0], path, i), f[1], Number(f[2], path, i), Number(f[3], path, i), Number(f[4], path, i), f[6], f[7],
                Number(f[8], path, i), Number(f[9], path, i) != 0));
        }
        return rows;
    }

    private static double Number(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{path} line {line + 1}: '{text}' is not a number");
}
