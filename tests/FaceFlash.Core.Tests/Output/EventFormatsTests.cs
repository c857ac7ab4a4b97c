using System.Xml.Linq;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Output;

public sealed class EventFormatsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-events-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ExpressionEvent[] Events =
    [
        new(0, EventKind.Micro, 1000, 1060, 1120, Emotion.Happiness, "AU06+AU12", 0.81234f, 1130, 101, 113, ApexFrame: 107),
        new(1, EventKind.Macro, 2000, 2600, 3100, Emotion.Contempt, "AU12R+AU14R", 0.5f, 3100, 201, 311, Truncated: true, ApexFrame: 261),
    ];

    [Fact]
    public void EventsCsvHasTheExactHeaderAndReadsBack()
    {
        var path = Path.Combine(_dir, "v.events.csv");
        using (var writer = new EventsCsvWriter(path, Path.Combine(_dir, "v.blinks.csv"), Path.Combine(_dir, "v.unreported.csv")))
        {
            foreach (var e in Events) writer.Write(e);
            writer.Write(new BlinkEvent(0, 500, 700, 51, 71));
            writer.Write(new BlinkEvent(1, 9800, 9960, 981, 997) { Truncated = true });
            writer.Write(new UnreportedMovement(1, 4000, 4120.04, NotReportedReason.NoEmotionMatch, "AU12+AU15", 401, 413));
            writer.Commit();
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal("face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated,onset_frame,apex_frame,offset_frame", lines[0]);
        Assert.Equal("0,micro,1000,1060,1120,120,happiness,AU06+AU12,0.812,0,101,107,113", lines[1]);
        Assert.Equal("1,macro,2000,2600,3100,1100,contempt,AU12R+AU14R,0.5,1,201,261,311", lines[2]);
        var blinks = Path.Combine(_dir, "v.blinks.csv");
        Assert.Equal(["face_id,onset_ms,offset_ms,onset_frame,offset_frame,truncated", "0,500,700,51,71,0", "1,9800,9960,981,997,1"], File.ReadAllLines(blinks));
        Assert.Equal([new Interval(500, 700), new Interval(9800, 9960)], EventsCsvReader.ReadBlinks(blinks));
        // A blinks file an earlier build wrote, without the truncated column, still reads.
        File.WriteAllLines(blinks, ["face_id,onset_ms,offset_ms,onset_frame,offset_frame", "0,500,700,51,71"]);
        Assert.Equal([new Interval(500, 700)], EventsCsvReader.ReadBlinks(blinks));
        var unreported = Path.Combine(_dir, "v.unreported.csv");
        Assert.Equal(["face_id,onset_ms,offset_ms,duration_ms,reason,aus,onset_frame,offset_frame", "1,4000,4120,120,no_emotion_match,AU12+AU15,401,413"],
            File.ReadAllLines(unreported));
        Assert.Equal(new UnreportedRow(1, 4000, 4120, "no_emotion_match", "AU12+AU15"), Assert.Single(EventsCsvReader.ReadUnreported(unreported)));
        var read = EventsCsvReader.Read(path);
        Assert.Equal(new PredictedEvent("macro", 2000, 2600, 3100, "contempt"), read[1]);
        Assert.True(EventsCsvReader.ReadRows(path)[1].Truncated);
        Assert.Equal((201L, 261L, 311L), EventsCsvReader.ReadRows(path)[1].Frames);
    }

    [Fact]
    public void AnEarlierBuildsEventsFileWithoutFramesStillReads()
    {
        var path = Path.Combine(_dir, "old.events.csv");
        File.WriteAllLines(path, ["face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated",
            "0,micro,1000,1060,1120,120,happiness,AU06+AU12,0.812,0"]);
        var row = Assert.Single(EventsCsvReader.ReadRows(path));
        Assert.Equal((1000, 1060, 1120, "happiness"), (row.OnsetMs, row.ApexMs, row.OffsetMs, row.Emotion));
        Assert.Null(row.Frames);
        // Either layout whole: a row of the other's length is refused with its line.
        File.AppendAllLines(path, ["0,micro,1000,1060,1120,120,happiness,AU06+AU12,0.812,0,26,27,29"]);
        Assert.Contains("line 3: expected 10 fields, found 13", Assert.Throws<FormatException>(() => EventsCsvReader.ReadRows(path)).Message);
    }

    [Fact]
    public void AnEarlierBuildsUnreportedFileWithoutFramesStillReads()
    {
        var path = Path.Combine(_dir, "old.unreported.csv");
        File.WriteAllLines(path, ["face_id,onset_ms,offset_ms,duration_ms,reason,aus", "0,4000,4120,120,speech,AU25"]);
        Assert.Equal(new UnreportedRow(0, 4000, 4120, "speech", "AU25"), Assert.Single(EventsCsvReader.ReadUnreported(path)));
        File.AppendAllLines(path, ["0,5000,5120,120,speech,AU25,501,513"]);
        Assert.Contains("line 3: expected 6 fields, found 8", Assert.Throws<FormatException>(() => EventsCsvReader.ReadUnreported(path)).Message);
    }

    [Fact]
    public void AForeignCsvIsRefused()
    {
        var path = Path.Combine(_dir, "x.csv");
        File.WriteAllText(path, "a,b\n1,2\n");
        Assert.Equal($"{path} is not a FaceFlash events file (its header should be '{EventsCsvWriter.EventsHeader}')",
            Assert.Throws<FormatException>(() => EventsCsvReader.Read(path)).Message);
        File.WriteAllText(path, "");
        Assert.Throws<FormatException>(() => EventsCsvReader.Read(path));
    }

    [Fact]
    public void AnEventsFileEditedByHandIsReadPastBlankLinesAndItsBadRowsNamedByLine()
    {
        var path = Path.Combine(_dir, "v.events.csv");
        const string row = "0,micro,1000,1060,1120,120,happiness,AU06+AU12,0.812,0,101,107,113";
        File.WriteAllLines(path, [EventsCsvWriter.EventsHeader, "", row, ""]);
        Assert.Equal([new PredictedEvent("micro", 1000, 1060, 1120, "happiness")], EventsCsvReader.Read(path));
        File.WriteAllLines(path, [EventsCsvWriter.EventsHeader, row, row.Replace("1060", "1,060")]);
        Assert.Equal($"{path} line 3: expected 13 fields, found 14", Assert.Throws<FormatException>(() => EventsCsvReader.Read(path)).Message);
        File.WriteAllLines(path, [EventsCsvWriter.EventsHeader, row, "", row.Replace("1060", "n/a")]);
        Assert.Equal($"{path} line 4: 'n/a' is not a number", Assert.Throws<FormatException>(() => EventsCsvReader.Read(path)).Message);
        Assert.False(EventsCsvReader.WithoutFrames(File.ReadAllLines(path)));
        Assert.False(EventsCsvReader.WithoutFrames([]));
    }

    [Fact]
    public void MegcRowsUseOneBasedFramesAndMeOrMae()
    {
        var path = Path.Combine(_dir, "v.megc.csv");
        MegcWriter.Write(path, "v", Events);
        Assert.Equal(["vid,onset,offset,type", "v,101,113,me", "v,201,311,mae"], File.ReadAllLines(path));
    }

    [Fact]
    public void AVideoNameWithACommaOrAQuoteIsOneQuotedField()
    {
        var path = Path.Combine(_dir, "v.megc.csv");
        MegcWriter.Write(path, "take 2, \"good\"", Events.Take(1));
        Assert.Equal(["vid,onset,offset,type", "\"take 2, \"\"good\"\"\",101,113,me"], File.ReadAllLines(path));
    }

    [Fact]
    public void MegcRowsCarryTheEmotionWhenAsked()
    {
        var path = Path.Combine(_dir, "v.megc.csv");
        MegcWriter.Write(path, "v", Events, withEmotion: true);
        Assert.Equal(["vid,onset,offset,type,emotion", "v,101,113,me,happiness", "v,201,311,mae,contempt"], File.ReadAllLines(path));
        MegcWriter.Write(Path.Combine(_dir, "old.megc.csv"), "old", Events); // from an earlier run without the column
        MegcWriter.WriteSet(_dir, withEmotion: true);
        Assert.Equal(File.ReadAllLines(path), File.ReadAllLines(Path.Combine(_dir, "megc.csv")));
    }

    [Fact]
    public void AFoldersMegcRowsAreGatheredInOneSetFile()
    {
        MegcWriter.Write(Path.Combine(_dir, "b.megc.csv"), "b", Events.Take(1));
        MegcWriter.Write(Path.Combine(_dir, "a.megc.csv"), "a", Events);
        MegcWriter.WriteSet(_dir);
        Assert.Equal(["vid,onset,offset,type", "a,101,113,me", "a,201,311,mae", "b,101,113,me"], File.ReadAllLines(Path.Combine(_dir, "megc.csv")));
    }

    [Fact]
    public void ASessionsMarkersAreATierOfMomentsThatNeverOverlap()
    {
        var path = Path.Combine(_dir, "session.eaf");
        ElanWriter.Write(path, null, Events, [], markers: [new HandMarker(5000, "stimulus 2"), new HandMarker(1000, ""), new HandMarker(5040, "look away")]);
        var root = XDocument.Load(path).Root!;
        var slots = root.Element("TIME_ORDER")!.Elements("TIME_SLOT").ToDictionary(s => s.Attribute("TIME_SLOT_ID")!.Value, s => double.Parse(s.Attribute("TIME_VALUE")!.Value));
        var marks = root.Elements("TIER").Single(t => t.Attribute("TIER_ID")!.Value == "markers").Descendants("ALIGNABLE_ANNOTATION")
            .Select(a => (slots[a.Attribute("TIME_SLOT_REF1")!.Value], slots[a.Attribute("TIME_SLOT_REF2")!.Value], a.Element("ANNOTATION_VALUE")!.Value));
        // In time order; a tenth of a second each, or up to the next marker; an unlabelled one named as such.
        Assert.Equal([(1000.0, 1100.0, "marker"), (5000.0, 5040.0, "stimulus 2"), (5040.0, 5140.0, "look away")], marks);
    }

    [Fact]
    public void ElanDocumentHasAlignedTiersPerFaceWithTheirDetailsAssociatedAndTimeSlotsInMilliseconds()
    {
        var media = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "videos")).FullName, "Proband ä 1.mp4");
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(_dir, "results")).FullName, "v.eaf");
        ElanWriter.Write(path, media, Events, [new BlinkEvent(0, 500, 700)]);
        var doc = XDocument.Load(path);
        var root = doc.Root!;
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        Assert.EndsWith("EAFv3.0.xsd", root.Attribute(xsi + "noNamespaceSchemaLocation")!.Value); // pympi needs it
        Assert.True(DateTimeOffset.Parse(root.Attribute("DATE")!.Value) > DateTimeOffset.UtcNow.AddMinutes(-5));
        var descriptor = root.Element("HEADER")!.Element("MEDIA_DESCRIPTOR")!;
        Assert.Equal("../videos/Proband ä 1.mp4", descriptor.Attribute("RELATIVE_MEDIA_URL")!.Value); // from the .eaf's own folder
        // As ELAN writes it, unescaped: ELAN reads "file:///…/Proband%20%C3%A4%201.mp4" as that very name, and finds nothing.
        Assert.Equal("file://" + media, descriptor.Attribute("MEDIA_URL")!.Value);
        Assert.Equal("video/mp4", descriptor.Attribute("MIME_TYPE")!.Value);

        var tiers = root.Elements("TIER").ToDictionary(t => t.Attribute("TIER_ID")!.Value);
        Assert.Equal(["face 0 micro", "face 0 micro AUs", "face 0 micro confidence", "face 0 micro truncated", "face 0 macro", "face 0 macro AUs",
            "face 0 macro confidence", "face 0 macro truncated", "face 0 blinks", "face 1 micro", "face 1 micro AUs", "face 1 micro confidence",
            "face 1 micro truncated", "face 1 macro", "face 1 macro AUs", "face 1 macro confidence", "face 1 macro truncated", "face 1 blinks"], tiers.Keys);
        var slots = root.Element("TIME_ORDER")!.Elements("TIME_SLOT").ToDictionary(s => s.Attribute("TIME_SLOT_ID")!.Value, s => s.Attribute("TIME_VALUE")!.Value);
        var micro = tiers["face 0 micro"].Descendants("ALIGNABLE_ANNOTATION").Single();
        Assert.Equal("1000", slots[micro.Attribute("TIME_SLOT_REF1")!.Value]);
        Assert.Equal("1120", slots[micro.Attribute("TIME_SLOT_REF2")!.Value]);
        Assert.Equal("happiness", micro.Element("ANNOTATION_VALUE")!.Value);
        string Detail(string tier) => tiers[tier].Descendants("REF_ANNOTATION").Single(r => r.Attribute("ANNOTATION_REF")!.Value == micro.Attribute("ANNOTATION_ID")!.Value)
            .Element("ANNOTATION_VALUE")!.Value;
        Assert.Equal("AU06+AU12", Detail("face 0 micro AUs"));
        Assert.Equal("0.81", Detail("face 0 micro confidence"));
        Assert.Equal("face 0 micro", tiers["face 0 micro AUs"].Attribute("PARENT_REF")!.Value);
        Assert.Empty(tiers["face 0 micro truncated"].Elements());
        Assert.Equal("truncated", tiers["face 1 macro truncated"].Descendants("ANNOTATION_VALUE").Single().Value); // the truncated contempt
        var association = root.Elements("LINGUISTIC_TYPE").Single(t => t.Attribute("CONSTRAINTS")?.Value == "Symbolic_Association");
        Assert.Equal(association.Attribute("LINGUISTIC_TYPE_ID")!.Value, tiers["face 0 micro AUs"].Attribute("LINGUISTIC_TYPE_REF")!.Value);
        Assert.Single(root.Elements("CONSTRAINT"), c => c.Attribute("STEREOTYPE")!.Value == "Symbolic_Association");
        // Element order as the EAF 3.0 schema requires.
        Assert.Equal(["HEADER", "TIME_ORDER", "TIER", "LINGUISTIC_TYPE", "CONSTRAINT"], root.Elements().Select(e => e.Name.LocalName).Distinct());
    }

    /// <summary>
    /// A coder correcting FaceFlash in ELAN looks first where it saw a movement and left it out. Two candidate
    /// movements of one face can overlap (one held across another), and a tier's annotations must not.
    /// </summary>
    [Fact]
    public void TheMovementsNotReportedAreTiersOfTheirOwnWithReasonAndAusNeverOverlapping()
    {
        var path = Path.Combine(_dir, "v.eaf");
        UnreportedMovement[] unreported =
        [
            new(0, 1000, 1400, NotReportedReason.Speech, "AU25+AU26", 26, 36), new(0, 1200, 1300, NotReportedReason.NoEmotionMatch, "AU10", 31, 33),
            new(0, 1400, 1500, NotReportedReason.HeadMotion, "", 36, 38), new(2, 3000, 3000, NotReportedReason.ShorterThanMicroMin, "AU01", 76, 76),
        ];
        ElanWriter.Write(path, null, Events, [], unreported: unreported);
        var root = XDocument.Load(path).Root!;
        var slots = root.Element("TIME_ORDER")!.Elements("TIME_SLOT").ToDictionary(s => s.Attribute("TIME_SLOT_ID")!.Value, s => int.Parse(s.Attribute("TIME_VALUE")!.Value));
        var tiers = root.Elements("TIER").ToDictionary(t => t.Attribute("TIER_ID")!.Value, t => t.Descendants("ALIGNABLE_ANNOTATION")
            .Select(a => (From: slots[a.Attribute("TIME_SLOT_REF1")!.Value], To: slots[a.Attribute("TIME_SLOT_REF2")!.Value], a.Element("ANNOTATION_VALUE")!.Value)).ToList());
        Assert.Equal([(1000, 1400, "speech: AU25+AU26"), (1400, 1500, "head motion")], tiers["face 0 not reported"]);
        Assert.Equal([(1200, 1300, "no emotion match: AU10")], tiers["face 0 not reported 2"]);
        Assert.Empty(tiers["face 1 not reported"]); // a face with events has the tier, empty
        Assert.Equal([(3000, 3001, "shorter than micro min: AU01")], tiers["face 2 not reported"]); // every annotation lasts
        // A coder who corrects FaceFlash's own document in ELAN scores it as truth: its micro and macro tiers are the
        // expressions, its blink tiers (empty here) every blink, and the movements not reported (whose reasons may say
        // "micro") are none of them.
        var (_, coded, blinks) = ElanTruth.Read(path);
        Assert.Equal(Events.Select(e => (e.OnsetMs, e.OffsetMs)), coded.Select(c => (c.OnsetMs, c.OffsetMs)).Order());
        Assert.Equal([], blinks);
        // Without them (an earlier caller), no such tier.
        ElanWriter.Write(path, null, Events, []);
        Assert.DoesNotContain(XDocument.Load(path).Root!.Elements("TIER"), t => t.Attribute("TIER_ID")!.Value.Contains("not reported"));
    }

    [Fact]
    public void BlinksStretchesNotMeasuredAndTheAuTimeSeriesAreInTheDocumentAsElanReadsThem()
    {
        var path = Path.Combine(_dir, "v.eaf");
        var media = Path.Combine(_dir, "take.MOV");
        string[] series = [Path.Combine(_dir, "v.aus_tsconf.xml"), Path.Combine(_dir, "v.aus.face0.csv")];
        ElanWriter.Write(path, media, Events, [new BlinkEvent(0, 4000, 4200) { Truncated = true }, new BlinkEvent(0, 500, 700), new BlinkEvent(1, 900, 1000)],
            timeSeries: series, unmeasured: [new UnmeasuredStretch(1, 5000, 5000, 126, 126, "reference_too_brief"), new UnmeasuredStretch(0, 6000, 6900, 151, 173, "levels_forming")]);
        var root = XDocument.Load(path).Root!;
        var slots = root.Element("TIME_ORDER")!.Elements("TIME_SLOT").ToDictionary(s => s.Attribute("TIME_SLOT_ID")!.Value, s => int.Parse(s.Attribute("TIME_VALUE")!.Value));
        var tiers = root.Elements("TIER").ToDictionary(t => t.Attribute("TIER_ID")!.Value, t => t.Descendants("ALIGNABLE_ANNOTATION")
            .Select(a => (From: slots[a.Attribute("TIME_SLOT_REF1")!.Value], To: slots[a.Attribute("TIME_SLOT_REF2")!.Value], a.Element("ANNOTATION_VALUE")!.Value)).ToList());
        Assert.Equal([(500, 700, "blink"), (4000, 4200, "blink, truncated")], tiers["face 0 blinks"]); // in time order
        Assert.Equal([(900, 1000, "blink")], tiers["face 1 blinks"]);
        Assert.Equal([(6000, 6900, "levels forming")], tiers["face 0 not measured"]);
        Assert.Equal([(5000, 5001, "reference too brief")], tiers["face 1 not measured"]); // every annotation lasts
        var ids = root.Descendants().Select(e => e.Attribute("ANNOTATION_ID")?.Value).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(slots.Count, root.Element("TIME_ORDER")!.Elements().Count());

        var header = root.Element("HEADER")!;
        Assert.Equal(("file://" + media, "./take.MOV", "video/quicktime"), ((string)header.Element("MEDIA_DESCRIPTOR")!.Attribute("MEDIA_URL")!,
            (string)header.Element("MEDIA_DESCRIPTOR")!.Attribute("RELATIVE_MEDIA_URL")!, (string)header.Element("MEDIA_DESCRIPTOR")!.Attribute("MIME_TYPE")!));
        // The time-series configuration first, as text/xml; its data files after it, associated with the video.
        var linked = header.Elements("LINKED_FILE_DESCRIPTOR").Select(l => ((string)l.Attribute("LINK_URL")!, (string)l.Attribute("RELATIVE_LINK_URL")!,
            (string)l.Attribute("MIME_TYPE")!, (string?)l.Attribute("ASSOCIATED_WITH")));
        Assert.Equal([("file://" + series[0], "./v.aus_tsconf.xml", "text/xml", null), ("file://" + series[1], "./v.aus.face0.csv", "unknown", "file://" + media)], linked);
    }

    [Theory]
    [InlineData("take.mp4", "video/mp4")]
    [InlineData("take.M4V", "video/mp4")]
    [InlineData("take.mpg", "video/mpeg")]
    [InlineData("take.avi", "video/x-msvideo")]
    [InlineData("take.mkv", "video/x-matroska")]
    [InlineData("take.wmv", "video/x-ms-wmv")]
    [InlineData("take.webm", "video/*")]
    public void TheVideosTypeIsNamedFromItsEnding(string media, string mimeType)
    {
        var path = Path.Combine(_dir, "v.eaf");
        ElanWriter.Write(path, Path.Combine(_dir, media), Events, []);
        Assert.Equal(mimeType, (string)XDocument.Load(path).Root!.Element("HEADER")!.Element("MEDIA_DESCRIPTOR")!.Attribute("MIME_TYPE")!);
    }
}
