using System.Globalization;
using System.Text.Json;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// The time of each frame of an analysed video, read from its <c>frames.csv</c>, so a coding table's frame numbers
/// become the same milliseconds FaceFlash's events are in. A table numbers the video's first frame
/// <see cref="FirstNumber"/>: for an image folder the number in its first image's name (as the run's summary
/// records), for a video 1 unless told otherwise. The frames CSV's own numbers place its rows, so results of a part
/// of a video (<c>analyze --from</c>), whose first row is a later frame, map as the whole video's do, and so do those of
/// an image folder missing an image, whose frame numbers skip it.
/// </summary>
public sealed class FrameTimes
{
    private readonly List<long> _frames;
    private readonly List<double> _timesMs;

    public long FirstNumber { get; }

    /// <summary>Whether the results are of a part of the video (<c>analyze --from/--to</c>), as the run's summary says.</summary>
    public bool IsPart { get; }

    /// <summary>The analysed stretch, for false flags per minute.</summary>
    public double DurationMs => _timesMs.Count == 0 ? 0 : _timesMs[^1] - _timesMs[0];

    private FrameTimes(List<long> frames, List<double> timesMs, long firstNumber, bool isPart) =>
        (_frames, _timesMs, FirstNumber, IsPart) = (frames, timesMs, firstNumber, isPart);

    /// <summary>Whether a coded expression lies wholly in the analysed frames (in a table's frame numbers, or its times).</summary>
    public bool Holds(CodedEvent coded, CodingUnits units)
    {
        if (_timesMs.Count == 0) return false;
        if (units == CodingUnits.Frames) return Frame(coded.Onset) >= _frames[0] && Frame(coded.Offset) <= _frames[^1];
        var scale = units == CodingUnits.Seconds ? 1000 : 1;
        return Holds(coded.Onset * scale, coded.Offset * scale);
    }

    /// <summary>Whether a span in milliseconds lies in the analysed frames (to within half a frame's rounding at either end).</summary>
    public bool Holds(double onsetMs, double offsetMs)
    {
        if (_timesMs.Count == 0) return false;
        var slack = _timesMs.Count > 1 ? (_timesMs[^1] - _timesMs[0]) / (_timesMs.Count - 1) / 2 : 0;
        return onsetMs >= _timesMs[0] - slack && offsetMs <= _timesMs[^1] + slack;
    }

    /// <summary>The frames CSV's number of the frame a table numbers <paramref name="number"/>.</summary>
    private long Frame(double number) => (long)Math.Round(number) - FirstNumber + 1;

    /// <param name="framesCsv">a FaceFlash frames CSV (its third column is the timestamp in seconds)</param>
    /// <param name="summary">the run's summary, whose <c>first_image_number</c> (image folders) sets <see cref="FirstNumber"/></param>
    public static FrameTimes Read(string framesCsv, string? summary, long defaultFirstNumber)
    {
        var (frames, times) = (new List<long>(), new List<double>());
        var lastFrame = -1L;
        foreach (var line in File.ReadLines(framesCsv).Skip(1))
        {
            // Only the first three fields: the rest of a row is 1 400 landmark columns.
            var first = line.IndexOf(',');
            var second = first < 0 ? -1 : line.IndexOf(',', first + 1);
            var third = second < 0 ? -1 : line.IndexOf(',', second + 1);
            if (third < 0 || !long.TryParse(line.AsSpan(0, first), CultureInfo.InvariantCulture, out var frame)
                || !double.TryParse(line.AsSpan(second + 1, third - second - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                throw new FormatException($"{framesCsv} is not a FaceFlash frames file");
            if (frame == lastFrame) continue; // one row per face
            lastFrame = frame;
            frames.Add(frame);
            times.Add(seconds * 1000);
        }
        var (firstNumber, isPart) = (defaultFirstNumber, false);
        if (summary is not null && File.Exists(summary))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            if (json.RootElement.TryGetProperty("first_image_number", out var n) && n.ValueKind == JsonValueKind.Number) firstNumber = n.GetInt64();
            isPart = json.RootElement.TryGetProperty("range_from_s", out var from) && from.ValueKind == JsonValueKind.Number;
        }
        return new FrameTimes(frames, times, firstNumber, isPart);
    }

    /// <summary>The time of the frame a table numbers <paramref name="number"/>; throws when the video has no such frame.</summary>
    public double Ms(double number, string video)
    {
        var frame = Frame(number);
        var row = _frames.BinarySearch(frame);
        if (row >= 0) return _timesMs[row];
        row = ~row;
        if (row == 0 || row == _frames.Count)
            throw new FormatException($"{video}: frame {number} is outside the analysed frames " +
                (_frames.Count == 0 ? "(none)" : $"{FirstNumber + _frames[0] - 1}–{FirstNumber + _frames[^1] - 1}"));
        // A frame the results lack (an image missing from its folder): its time between its neighbours'.
        var (before, after) = (row - 1, row);
        return _timesMs[before] + (_timesMs[after] - _timesMs[before]) * (frame - _frames[before]) / (_frames[after] - _frames[before]);
    }

    /// <summary>A coded expression in milliseconds: its frame numbers' times, or its times (from the video's start) as they are.</summary>
    public TruthEvent ToTruth(CodedEvent coded, CodingUnits units = CodingUnits.Frames)
    {
        double At(double value) => units switch
        {
            CodingUnits.Frames => Ms(value, coded.Video),
            CodingUnits.Seconds => value * 1000,
            _ => value,
        };
        return new(coded.Kind, At(coded.Onset), coded.Apex is { } apex ? At(apex) : double.NaN, At(coded.Offset), coded.Emotion, coded.Aus, null, 0);
    }
}
