using System.Globalization;
using System.Text.Json;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// Which of a clip's frames had a face measured for expressions: a face followed (<c>success</c> 1) whose AUs were
/// measured (<c>au_status</c> measured), outside the stretches its summary lists as <c>unmeasured</c> (references
/// retaken too soon to form levels; live, levels forming). Read from the frames CSV and the summary, so that an
/// expression missed where nothing was measured is told from one missed while the face was measured
/// (<see cref="MissedExpressions.NotMeasured"/>).
/// </summary>
public sealed class MeasuredFrames
{
    private readonly List<double> _timesMs;
    private readonly List<bool> _measured;

    private MeasuredFrames(List<double> timesMs, List<bool> measured) => (_timesMs, _measured) = (timesMs, measured);

    /// <summary>
    /// The share of the frames within <paramref name="span"/> on which a face was measured; a span that falls between
    /// two frames (a 40 ms expression at 25 fps) is judged by the frame nearest its middle.
    /// </summary>
    public double Share(Interval span)
    {
        if (_timesMs.Count == 0) return 0;
        var first = _timesMs.BinarySearch(span.OnsetMs);
        if (first < 0) first = ~first;
        var (count, measured) = (0, 0);
        for (var i = first; i < _timesMs.Count && _timesMs[i] <= span.OffsetMs; i++)
        {
            count++;
            if (_measured[i]) measured++;
        }
        if (count > 0) return (double)measured / count;
        var middle = (span.OnsetMs + span.OffsetMs) / 2;
        var nearest = first == _timesMs.Count || (first > 0 && middle - _timesMs[first - 1] < _timesMs[first] - middle) ? first - 1 : first;
        return _measured[nearest] ? 1 : 0;
    }

    /// <returns>null when there is no frames CSV, or it has no <c>au_status</c> column (an earlier build's, or another tool's)</returns>
    public static MeasuredFrames? Read(string framesCsv, string summaryPath)
    {
        if (!File.Exists(framesCsv)) return null;
        using var lines = File.ReadLines(framesCsv).GetEnumerator();
        if (!lines.MoveNext()) return null;
        var header = lines.Current.Split(',');
        var (frameAt, faceAt, timeAt, successAt, statusAt) = (Array.IndexOf(header, "frame"), Array.IndexOf(header, "face_id"),
            Array.IndexOf(header, "timestamp"), Array.IndexOf(header, "success"), Array.IndexOf(header, "au_status"));
        if (Math.Min(Math.Min(frameAt, faceAt), Math.Min(Math.Min(timeAt, successAt), statusAt)) < 0) return null;
        var setAside = SetAside(summaryPath);
        var (times, measured) = (new List<double>(), new List<bool>());
        var lastFrame = long.MinValue;
        while (lines.MoveNext())
        {
            // The status is the last column, after some 1 400 landmark columns: read from the end when it is.
            var line = lines.Current;
            var fields = line.Split(',', Math.Max(Math.Max(frameAt, faceAt), Math.Max(timeAt, successAt)) + 2);
            var status = statusAt == header.Length - 1 ? line[(line.LastIndexOf(',') + 1)..] : line.Split(',')[statusAt];
            if (!long.TryParse(fields[frameAt], CultureInfo.InvariantCulture, out var frame)
                || !double.TryParse(fields[timeAt], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                throw new FormatException($"{framesCsv} is not a FaceFlash frames file");
            var face = int.TryParse(fields[faceAt], CultureInfo.InvariantCulture, out var id) ? id : -1;
            var isMeasured = fields[successAt] == "1" && status == "measured" && !setAside.Any(s => s.FaceId == face && frame >= s.FromFrame && frame <= s.ToFrame);
            if (frame != lastFrame)
            {
                lastFrame = frame;
                times.Add(seconds * 1000);
                measured.Add(isMeasured);
            }
            else if (isMeasured) measured[^1] = true; // one row per face: any face measured counts
        }
        return new MeasuredFrames(times, measured);
    }

    private static List<UnmeasuredStretch> SetAside(string summaryPath)
    {
        if (!File.Exists(summaryPath)) return [];
        try
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            return UnmeasuredStretch.ListedIn(summary.RootElement);
        }
        catch (JsonException)
        {
            throw new FormatException($"{summaryPath} is not a FaceFlash summary");
        }
    }
}
