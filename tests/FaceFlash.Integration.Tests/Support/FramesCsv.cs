using System.Globalization;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>Reads a frames CSV the way an analysis script would.</summary>
public sealed class FramesCsv
{
    public FramesCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        Header = lines[0].Split(',');
        Rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in Rows)
            if (row.Length != Header.Length) throw new InvalidDataException($"{path}: a row has {row.Length} fields, the header {Header.Length}");
    }

    public string[] Header { get; }
    public List<string[]> Rows { get; }

    public int Column(string name) => Array.IndexOf(Header, name) is var i and >= 0 ? i : throw new KeyNotFoundException(name);

    public double Value(string[] row, string column) =>
        row[Column(column)] is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : double.NaN;

    public bool Success(string[] row) => row[Column("success")] == "1";
}
