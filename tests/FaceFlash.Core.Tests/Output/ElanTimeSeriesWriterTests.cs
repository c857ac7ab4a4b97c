using System.Xml.Linq;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Tests.Output;

public sealed class ElanTimeSeriesWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-elan-ts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FaceObservation Face(int id, ActionUnitStatus status, float au04, bool success = true, ActionUnitSet? valid = null)
    {
        var face = new FaceObservation { FaceId = id, Success = success, AuStatus = status, AuValid = valid ?? ActionUnitSet.All };
        face.ActionUnits[(int)ActionUnit.AU04] = au04;
        face.ActionUnits[(int)ActionUnit.AU45] = 1.234f;
        return face;
    }

    private static FrameAnalysis Frame(long index, double ms, params FaceObservation[] faces)
    {
        var frame = new FrameAnalysis { Envelope = new FrameEnvelope(index, ms, 0) };
        frame.Faces.AddRange(faces);
        return frame;
    }

    [Fact]
    public void EachFaceGetsACsvOfItsMeasuredFramesAndTheConfigurationOneTrackPerAu()
    {
        var writer = new ElanTimeSeriesWriter(_dir, "take");
        using (writer)
        {
            writer.Write(Frame(0, 0, Face(2, ActionUnitStatus.ReferenceRestarted, 0)));
            writer.Write(Frame(1, 40, Face(2, ActionUnitStatus.Measured, 1.5f), Face(1, ActionUnitStatus.Measured, 0.25f)));
            writer.Write(Frame(2, 80.04, Face(2, ActionUnitStatus.Unavailable, 9), Face(1, ActionUnitStatus.Measured, 3, success: false)));
            writer.Write(Frame(3, 120, Face(1, ActionUnitStatus.Measured, 2, valid: ActionUnitSet.Of([ActionUnit.AU12]))));
            Assert.False(File.Exists(writer.CsvPath(1))); // nothing under its name before the commit
            writer.Commit();
        }
        Assert.Equal([writer.ConfigurationPath, writer.CsvPath(1), writer.CsvPath(2)], writer.Files);
        Assert.Equal(Path.Combine(_dir, "take.aus.face1.csv"), writer.CsvPath(1));

        var header = "time_s," + string.Join(',', ActionUnitInfo.Bilateral.Select(a => $"{a}_r"));
        var face2 = File.ReadAllLines(writer.CsvPath(2));
        Assert.Equal(header, face2[0]);
        // A retake's frame is the zero of the new reference; a frame whose AUs are unavailable is left out.
        Assert.Equal(3, face2.Length);
        Assert.StartsWith("0,0,0,0,", face2[1]);
        var row = face2[2].Split(',');
        Assert.Equal("0.04", row[0]);
        Assert.Equal("1.5", row[1 + Array.IndexOf(ActionUnitInfo.Bilateral, ActionUnit.AU04)]);
        Assert.Equal("1.23", row[^1]); // AU45, two decimals as in the frames file

        var face1 = File.ReadAllLines(writer.CsvPath(1));
        Assert.Equal(3, face1.Length); // the frame the face was not tracked on is left out
        Assert.Equal("0.04", face1[1].Split(',')[0]);
        var partial = face1[2].Split(',');
        Assert.Equal("0.12", partial[0]);
        // An AU the estimator does not measure is empty, not 0.
        Assert.Equal(["", "0"], new[] { ActionUnit.AU04, ActionUnit.AU12 }.Select(a => partial[1 + Array.IndexOf(ActionUnitInfo.Bilateral, a)]));

        var configuration = XDocument.Load(writer.ConfigurationPath).Root!;
        Assert.Equal("timeseries", configuration.Name.LocalName);
        var sources = configuration.Elements("tracksource").ToList();
        Assert.Equal([new Uri(writer.CsvPath(1)).AbsoluteUri, new Uri(writer.CsvPath(2)).AbsoluteUri], sources.Select(s => (string)s.Attribute("source-url")!));
        Assert.All(sources, s => Assert.Equal("0", (string)s.Attribute("time-column")!));
        var tracks = sources[0].Elements("track").ToList();
        Assert.Equal(ActionUnitInfo.Bilateral.Select(a => $"face 1 {a}"), tracks.Select(t => (string)t.Attribute("name")!));
        // Each track reads its AU's column of the CSV: column 0 is the time.
        Assert.Equal(Enumerable.Range(1, ActionUnitInfo.Bilateral.Length).Select(i => i.ToString()),
            tracks.Select(t => (string)t.Element("sample-position")!.Element("pos")!.Attribute("col")!));
        Assert.All(tracks, t => Assert.Equal(("0.0", "5.0"), ((string)t.Element("range")!.Attribute("min")!, (string)t.Element("range")!.Attribute("max")!)));
        var colours = tracks.Select(t => (string)t.Element("color")!).ToList();
        Assert.Equal(colours.Count, colours.Distinct().Count());
        Assert.All(colours, c => Assert.All(c.Split(','), v => Assert.InRange(int.Parse(v), 0, 255)));
    }

    [Fact]
    public void WithoutACommitNothingIsLeft()
    {
        using (var writer = new ElanTimeSeriesWriter(_dir, "take"))
            writer.Write(Frame(1, 40, Face(1, ActionUnitStatus.Measured, 1)));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
