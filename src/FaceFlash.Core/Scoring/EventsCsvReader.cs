using System.Globalization;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Scoring;

/// <summary>Reads an events CSV back (for evaluation and reports); refuses a file whose header is not FaceFlash's.</summary>
public static class EventsCsvReader
{
    public static List<PredictedEvent> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != EventsCsvWriter.EventsHeader)
            throw new FormatException($"{path} is not a FaceFlash events file (its header should be '{EventsCsvWriter.EventsHeader}')");
        var events = new List<PredictedEvent>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 9) throw new FormatException($"{path} line {i + 1}: expected 9 fields, found {f.Length}");
            events.Add(new PredictedEvent(f[1], Number(f[2], path, i), Number(f[3], path, i), Number(f[4], path, i), f[6]));
        }
        return events;
    }

    private static double Number(string text, string path, int line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{path} line {line + 1}: '{text}' is not a number");
}
