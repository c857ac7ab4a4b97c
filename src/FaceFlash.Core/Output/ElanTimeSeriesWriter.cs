using System.Globalization;
using System.Xml.Linq;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// The AU intensities as an ELAN time series, so a coder sees the AU curves under the video: one CSV per face
/// (<c>&lt;stem&gt;.aus.face&lt;N&gt;.csv</c>: <c>time_s</c> then the 17 bilateral <c>AUxx_r</c>, one row per frame the face's
/// AUs were measured) and ELAN's track configuration (<c>&lt;stem&gt;.aus_tsconf.xml</c>: one track per AU, range 0–5),
/// which the <c>.eaf</c> links. Committed like the other outputs: on success or cancellation, never after an error.
/// </summary>
public sealed class ElanTimeSeriesWriter : IDisposable
{
    public const string CsvInfix = ".aus.face", ConfigurationSuffix = ".aus_tsconf.xml";
    private const string CsvProvider = "mpi.eudico.client.annotator.timeseries.csv.CSVServiceProvider";

    private readonly string _directory, _stem;
    private readonly SortedDictionary<int, (AtomicFile File, CsvRowWriter Row)> _faces = [];

    public ElanTimeSeriesWriter(string directory, string stem) => (_directory, _stem) = (directory, stem);

    public string ConfigurationPath => Path.Combine(_directory, _stem + ConfigurationSuffix);

    public string CsvPath(int faceId) => Path.Combine(_directory, $"{_stem}{CsvInfix}{faceId}.csv");

    /// <summary>The files this run writes: the configuration first, then each face's CSV.</summary>
    public IReadOnlyList<string> Files => [ConfigurationPath, .. _faces.Keys.Select(CsvPath)];

    public void Write(FrameAnalysis frame)
    {
        foreach (var face in frame.Faces)
        {
            if (!face.Success || face.AuStatus == ActionUnitStatus.Unavailable) continue;
            var row = RowFor(face.FaceId);
            row.Field(frame.TimestampMs / 1000, "0.####");
            foreach (var au in ActionUnitInfo.Bilateral) ActionUnitColumns.Intensity(row, face, face.AuValid, au);
            row.EndRow();
        }
    }

    private CsvRowWriter RowFor(int faceId)
    {
        if (_faces.TryGetValue(faceId, out var open)) return open.Row;
        var file = new AtomicFile(CsvPath(faceId));
        var row = new CsvRowWriter(file.Writer);
        row.Field("time_s");
        foreach (var au in ActionUnitInfo.Bilateral) row.Field($"{au}_r");
        row.EndRow();
        _faces[faceId] = (file, row);
        return row;
    }

    /// <summary>Commits each face's CSV and writes the track configuration that points at them.</summary>
    public void Commit()
    {
        foreach (var (csv, _) in _faces.Values) csv.Commit();
        var sources = _faces.Keys.Select(face => new XElement("tracksource",
            new XAttribute("sample-type", "Continuous Rate"),
            new XAttribute("source-url", new Uri(Path.GetFullPath(CsvPath(face))).AbsoluteUri),
            new XAttribute("time-column", "0"),
            new XElement("property", new XAttribute("key", "provider"), new XAttribute("value", CsvProvider)),
            ActionUnitInfo.Bilateral.Select((au, i) => new XElement("track",
                new XAttribute("derivative", "0"),
                new XAttribute("name", $"face {face} {au}"),
                new XElement("property", new XAttribute("key", "detect-range"), new XAttribute("value", "false")),
                new XElement("sample-position", new XElement("pos", new XAttribute("col", (i + 1).ToString(CultureInfo.InvariantCulture)), new XAttribute("row", "0"))),
                new XElement("description", $"{au} intensity of face {face}"),
                new XElement("units", "intensity (0-5)"),
                new XElement("range", new XAttribute("min", "0.0"), new XAttribute("max", "5.0")),
                new XElement("color", Colour(i))))));
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null), new XElement("timeseries",
            new XAttribute("date", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
            new XAttribute("version", "1.0"), sources));
        using var file = new AtomicFile(ConfigurationPath);
        doc.Save(file.Writer);
        file.Commit();
    }

    /// <summary>Distinct track colours around the hue circle.</summary>
    private static string Colour(int index)
    {
        var hue = index * 360.0 / ActionUnitInfo.Bilateral.Length;
        double Channel(double shift) => 255 * Math.Clamp(Math.Abs((hue / 60 + shift) % 6 - 3) - 1, 0, 1) * 0.8;
        return string.Join(',', new[] { 0.0, 4, 2 }.Select(s => ((int)Channel(s)).ToString(CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        foreach (var (file, _) in _faces.Values) file.Dispose();
    }
}
