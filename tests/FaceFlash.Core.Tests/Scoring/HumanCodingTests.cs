using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Tests.Scoring;

/// <summary>Ground truth from people: coding tables in the CASME II / SAMM / MEGC layouts and ELAN tiers.</summary>
public sealed class HumanCodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-coding-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string> Row(params (string Column, string Value)[] cells) => cells.ToDictionary(c => c.Column, c => c.Value);

    [Fact]
    public void Casme2RowsNameTheirImageFolderAndAreMicro()
    {
        var rows = new[]
        {
            Row(("Subject", "1"), ("Filename", "EP02_01f"), ("OnsetFrame", "46"), ("ApexFrame", "59"), ("OffsetFrame", "86"),
                ("Action Units", "R12+L14"), ("Estimated Emotion", "Happiness")),
            Row(("Subject", "17"), ("Filename", "EP05_03"), ("OnsetFrame", "1"), ("ApexFrame", "/"), ("OffsetFrame", "20"),
                ("Action Units", "4+7"), ("Estimated Emotion", "disgust")),
        };
        var coded = CodingTable.FromRows(rows, CodingColumns.Casme2, "casme.xlsx");
        Assert.Equal(["sub01/EP02_01f", "sub17/EP05_03"], coded.Select(c => c.Video));
        Assert.All(coded, c => Assert.Equal("micro", c.Kind));
        Assert.Equal((46, 59.0, 86), (coded[0].Onset, coded[0].Apex, coded[0].Offset));
        Assert.Null(coded[1].Apex); // CASME II writes "/" where the apex was not coded
        Assert.Equal(["AU12", "AU14"], coded[0].Aus);
        Assert.Equal("happiness", coded[0].Emotion);
    }

    [Theory]
    [InlineData("Micro - 1/2", "micro")]
    [InlineData("Macro", "macro")]
    [InlineData("me", "micro")]
    [InlineData("mae", "macro")]
    public void TheTypeColumnSaysMicroOrMacro(string type, string kind)
    {
        var row = Row(("Subject", "6"), ("Filename", "006_1_2"), ("Onset Frame", "100"), ("Apex Frame", "110"), ("Offset Frame", "150"),
            ("Action Units", "A1+2"), ("Estimated Emotion", "Other"), ("Type", type));
        var coded = Assert.Single(CodingTable.FromRows([row], CodingColumns.Samm, "samm.xlsx"));
        Assert.Equal(kind, coded.Kind);
        Assert.Equal("006/006_1_2", coded.Video);
    }

    [Fact]
    public void AMissingColumnOrABadFrameIsOneClearLine()
    {
        var noOnset = Row(("vid", "a"), ("offset", "5"), ("type", "me"));
        var e = Assert.Throws<FormatException>(() => CodingTable.FromRows([noOnset], CodingColumns.Megc, "t.csv"));
        Assert.Contains("no column 'onset'", e.Message);
        var backwards = Row(("vid", "a"), ("onset", "9"), ("offset", "5"), ("type", "me"));
        Assert.Contains("before onset", Assert.Throws<FormatException>(() => CodingTable.FromRows([backwards], CodingColumns.Megc, "t.csv")).Message);
        var untyped = Assert.Single(CodingTable.FromRows([Row(("vid", "a"), ("onset", "1"), ("offset", "5"))], CodingColumns.Megc, "t.csv"));
        Assert.Equal("micro", untyped.Kind); // no type column: every row is micro
        var odd = Row(("vid", "a"), ("onset", "1"), ("offset", "5"), ("type", "blink"));
        Assert.Contains("neither micro", Assert.Throws<FormatException>(() => CodingTable.FromRows([odd], CodingColumns.Megc, "t.csv")).Message);
    }

    [Theory]
    [InlineData("megc.csv", "vid,onset,offset,type\nclip_a,10,14,me\nclip_a,30,80,mae\n")]
    // What a spreadsheet saves as "CSV" where the comma is the decimal mark: semicolons, a byte-order mark, CRLF.
    [InlineData("excel.csv", "\uFEFFvid;onset;offset;type\r\nclip_a;10;14;me\r\nclip_a;30;80;mae\r\n")]
    [InlineData("r.tsv", "vid\tonset\toffset\ttype\nclip_a\t10\t14\tme\nclip_a\t30\t80\tmae\n")]
    [InlineData("export.txt", "vid\tonset\toffset\ttype\nclip_a\t10\t14\tme\nclip_a\t30\t80\tmae\n")] // a tool's tab-delimited export
    public void ADelimitedTableIsRead(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        var coded = CodingTable.Read(path, CodingColumns.Megc);
        Assert.Equal([("clip_a", "micro", 10.0, 14.0), ("clip_a", "macro", 30.0, 80.0)], coded.Select(c => (c.Video, c.Kind, c.Onset, c.Offset)));
    }

    /// <summary>
    /// Times in seconds from a spreadsheet that writes semicolons have its decimal comma ("2,40"): they were refused
    /// as "not a frame number". A comma-delimited table has no such cells, and a comma there is no decimal point.
    /// </summary>
    [Fact]
    public void ASemicolonTablesDecimalCommaIsItsDecimalPoint()
    {
        var path = Path.Combine(_dir, "boris.csv");
        File.WriteAllText(path, "\uFEFFMedia file;Start (s);Stop (s)\r\ntake;2,40;3.56\r\ntake;19,64;20,32\r\n");
        var columns = new CodingColumns { Video = "{Media file}", Onset = "Start (s)", Offset = "Stop (s)" };

        Assert.Equal([(2.40, 3.56), (19.64, 20.32)], CodingTable.Read(path, columns).Select(c => (c.Onset, c.Offset)));
        // The video named by its column, as --onset names its own, not only by a template.
        Assert.All(CodingTable.Read(path, columns with { Video = "media FILE" }), c => Assert.Equal("take", c.Video));
        var wrong = Assert.Throws<FormatException>(() => CodingTable.FromRows(
            [new Dictionary<string, string> { ["Media file"] = "take", ["Start (s)"] = "2,40", ["Stop (s)"] = "3" }], columns, "table.csv"));
        Assert.Equal("table.csv row 2: Start (s) '2,40' is not a number", wrong.Message);
    }

    /// <summary>
    /// SAMM's coding sheet as distributed has 13 rows of title and notes above its table's header; a CSV saved from it
    /// keeps them. Such a sheet was refused ("no column 'Onset Frame'"), the first row taken for the header.
    /// </summary>
    [Theory]
    [InlineData(".xlsx")]
    [InlineData(".csv")]
    public void ASheetWithATitleAndNotesAboveItsTableIsRead(string extension)
    {
        string[] header = ["Subject", "Filename", "Inducement Code", "Onset Frame", "Apex Frame", "Offset Frame", "Duration", "Type", "Action Units", "Notes", "Objective Classes", "Estimated Emotion"];
        var above = new List<object[]> { new object[] { "SAMM: micro-facial movement FACS codes" }, new object[] { "" } };
        above.AddRange(Enumerable.Range(1, 11).Select(i => new object[] { $"Note {i}", i == 3 ? "onset: the first frame of movement" : "" }));
        var rows = above.Concat([header, [6, "006_1_2", 1, 5562, 5588, 5614, 53, "Micro - 1/2", "A1+2", "", 6, "Other"],
            [7, "007_3_1", 3, 2341, 2362, 2399, 59, "Micro - 1/2", "4+7", "", 3, "Anger"]]).ToList();
        var path = Path.Combine(_dir, "SAMM_Micro_FACS_Codes_v2" + extension);
        // A spreadsheet saves every row as wide as its table (",,,," for a blank one).
        string Line(object[] r) => string.Join(',', r.Concat(Enumerable.Repeat((object)"", header.Length - r.Length)));
        if (extension == ".csv") File.WriteAllLines(path, rows.Select(Line));
        else MiniExcelLibs.MiniExcel.SaveAs(path, rows.Select(r => Enumerable.Range(0, header.Length)
            .ToDictionary(i => ((char)('A' + i)).ToString(), i => i < r.Length ? r[i] : null)), printHeader: false);

        var coded = CodingTable.Read(path, CodingColumns.Samm);
        Assert.Equal([("006/006_1_2", 5562.0, 5614.0, "other"), ("007/007_3_1", 2341.0, 2399.0, "anger")],
            coded.Select(c => (c.Video, c.Onset, c.Offset, c.Emotion)));
        File.WriteAllLines(Path.Combine(_dir, "bad.csv"), rows.Take(14).Append(["8", "008_1_1", "1", "soon", "", "9"]).Select(Line));
        // A bad cell's line is the file's own line (the header is on line 14).
        Assert.Contains("row 15: Onset Frame 'soon'", Assert.Throws<FormatException>(() => CodingTable.Read(Path.Combine(_dir, "bad.csv"), CodingColumns.Samm)).Message);
    }

    /// <summary>
    /// A script or a spreadsheet that leaves out trailing empty cells writes rows shorter than the header. MiniExcel
    /// refused the whole table for one ("Column 2 not found in Row 3"); R's read.csv and pandas read such a row with
    /// its last cells empty, and so does FaceFlash now. A row short of a needed cell names its own line.
    /// </summary>
    [Fact]
    public void ARowShorterThanTheHeaderHasItsLastCellsEmpty()
    {
        var path = Path.Combine(_dir, "short.csv");
        File.WriteAllText(path, "vid,onset,offset,type,emotion\nclip_a,5,9,me\n\n\"clip, b\",20,30,mae,Happiness\n");
        Assert.Equal([("clip_a", 5.0, "micro", ""), ("clip, b", 20.0, "macro", "happiness")],
            CodingTable.Read(path, CodingColumns.Megc with { Emotion = "emotion" }).Select(c => (c.Video, c.Onset, c.Kind, c.Emotion)));

        File.AppendAllText(path, "\nclip_c,40\n");
        var e = Assert.Throws<FormatException>(() => CodingTable.Read(path, CodingColumns.Megc));
        Assert.Equal($"{path} row 6: offset '' is not a number", e.Message); // the blank lines counted: it is the file's sixth line
        File.AppendAllText(path, "\n\n");
        Assert.Equal($"{path} row 6: offset '' is not a number", Assert.Throws<FormatException>(() => CodingTable.Read(path, CodingColumns.Megc)).Message);
        File.WriteAllText(path, "vid,onset,offset\nclip_a,5,9\nclip_c,40");
        Assert.Equal($"{path} row 3: offset '' is not a number", Assert.Throws<FormatException>(() => CodingTable.Read(path, CodingColumns.Megc)).Message);
    }

    [Fact]
    public void AQuoteNeverClosedIsOneLine()
    {
        var path = Path.Combine(_dir, "quote.csv");
        File.WriteAllText(path, "vid,onset,offset,type\n\"clip_a,5,9,me\n");
        var e = Assert.Throws<FormatException>(() => CodingTable.Read(path, CodingColumns.Megc));
        Assert.StartsWith($"{path} cannot be read as a coding table: ", e.Message);
    }

    [Fact]
    public void FrameNumbersBecomeTheAnalysedFramesTimes()
    {
        var frames = Path.Combine(_dir, "v.frames.csv");
        // Two faces on frame 2: one time per frame all the same. A variable frame rate is kept as it is.
        File.WriteAllText(frames, "frame,face_id,timestamp,confidence\n1,0,0,1\n2,0,0.04,1\n2,1,0.04,1\n3,0,0.1,1\n");
        var summary = Path.Combine(_dir, "v.summary.json");
        File.WriteAllText(summary, "{\"first_image_number\": 46}");
        var times = FrameTimes.Read(frames, summary, defaultFirstNumber: 1);
        Assert.Equal(46, times.FirstNumber);
        Assert.Equal([0, 40, 100], new[] { 46.0, 47, 48 }.Select(n => times.Ms(n, "v")));
        Assert.Equal(100, times.DurationMs);
        Assert.Contains("outside the analysed frames 46–48", Assert.Throws<FormatException>(() => times.Ms(49, "v")).Message);
        Assert.Equal(1, FrameTimes.Read(frames, null, 1).FirstNumber);
    }

    [Fact]
    public void FrameNumbersPastAnImageMissingFromItsFolderKeepTheirTimes()
    {
        // img46 … img60 with img50 and img51 missing: the frames file skips frames 5 and 6, as FaceFlash writes it.
        // Taken as rows, frame 55 became the time of the tenth row, 80 ms early.
        var frames = Path.Combine(_dir, "holed.frames.csv");
        var rows = Enumerable.Range(1, 15).Where(f => f is not (5 or 6)).Select(f => $"{f},0,{(f - 1) * 0.04:0.00},1");
        File.WriteAllText(frames, "frame,face_id,timestamp,confidence\n" + string.Join("\n", rows) + "\n");
        File.WriteAllText(Path.Combine(_dir, "holed.summary.json"), "{\"first_image_number\": 46}");
        var times = FrameTimes.Read(frames, Path.Combine(_dir, "holed.summary.json"), 1);
        Assert.Equal(360, times.Ms(55, "holed"), 3);
        Assert.Equal(160, times.Ms(50, "holed"), 3); // the missing image's own time, between its neighbours'
        Assert.True(times.Holds(new CodedEvent("holed", "micro", 49, null, 52, "", []), CodingUnits.Frames));
        Assert.Contains("outside the analysed frames 46–60", Assert.Throws<FormatException>(() => times.Ms(61, "holed")).Message);
    }

    /// <summary>
    /// Results of a part of a video (<c>analyze --from 10</c>) begin at a later frame: frame numbers were taken as
    /// rows from the first, so frame 300 of a 25 fps video became the time of its 300th analysed frame, 21.96 s
    /// instead of 11.96 s. Expressions coded outside the part are left out of the score, with a note.
    /// </summary>
    [Fact]
    public void ResultsOfAPartOfAVideoScoreWhatIsCodedInThatPart()
    {
        var rows = Enumerable.Range(251, 250).Select(f => $"{f},0,{(f - 1) * 0.04:0.00},1");
        File.WriteAllText(Path.Combine(_dir, "take.frames.csv"), "frame,face_id,timestamp,confidence\n" + string.Join("\n", rows) + "\n");
        File.WriteAllText(Path.Combine(_dir, "take.summary.json"), "{\"range_from_s\": 10, \"range_to_s\": 20}");
        File.WriteAllText(Path.Combine(_dir, "take.events.csv"), FaceFlash.Core.Output.EventsCsvWriter.EventsHeader + "\n");
        var times = FrameTimes.Read(Path.Combine(_dir, "take.frames.csv"), Path.Combine(_dir, "take.summary.json"), 1);
        Assert.True(times.IsPart);
        Assert.Equal(9960, times.DurationMs);
        Assert.True(times.Holds(9980, 19_979)); // within half a frame of the part's first and last frames
        Assert.False(times.Holds(9979, 12_000));
        Assert.Equal(11_960, times.Ms(300, "take"), 3);
        Assert.Contains("outside the analysed frames 251–500", Assert.Throws<FormatException>(() => times.Ms(501, "take")).Message);

        File.WriteAllText(Path.Combine(_dir, "coding.csv"), "vid,onset,offset,type\ntake,100,104,me\ntake,300,304,me\ntake,498,503,me\n");
        var (clips, problems, notes) = TruthSet.Load(Path.Combine(_dir, "coding.csv"), _dir, new TruthOptions { Columns = CodingColumns.Megc });
        Assert.Empty(problems);
        Assert.Equal([11_960.0], Assert.Single(clips).Truth.Events.Select(e => e.OnsetMs));
        Assert.Equal("take: 2 coded expression(s) lie outside the part analysed; left out", Assert.Single(notes));

        // Coded frames beyond the video's: that video is one problem, named once.
        File.WriteAllText(Path.Combine(_dir, "take.summary.json"), "{}");
        (clips, problems, _) = TruthSet.Load(Path.Combine(_dir, "coding.csv"), _dir, new TruthOptions { Columns = CodingColumns.Megc });
        Assert.Empty(clips);
        Assert.Equal("take: frame 100 is outside the analysed frames 251–500", Assert.Single(problems));
    }

    [Fact]
    public void ElanTiersNamedMicroMacroAndBlinkAreTheTruth()
    {
        var path = Path.Combine(_dir, "coder.eaf");
        File.WriteAllText(path, """
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="coder" DATE="2026-01-01T00:00:00Z" FORMAT="3.0" VERSION="3.0">
              <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///data/P%2001.mp4" MIME_TYPE="video/mp4"/></HEADER>
              <TIME_ORDER>
                <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1160"/>
                <TIME_SLOT TIME_SLOT_ID="ts3" TIME_VALUE="4000"/><TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="6500"/>
                <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="8000"/><TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="8160"/>
              </TIME_ORDER>
              <TIER TIER_ID="Micro expressions" LINGUISTIC_TYPE_REF="default">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>Surprise</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
              <TIER TIER_ID="micro notes" LINGUISTIC_TYPE_REF="assoc" PARENT_REF="Micro expressions"/>
              <TIER TIER_ID="laughs" LINGUISTIC_TYPE_REF="default">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4"><ANNOTATION_VALUE>happiness</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
              <TIER TIER_ID="Blinks" LINGUISTIC_TYPE_REF="default">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts5" TIME_SLOT_REF2="ts6"><ANNOTATION_VALUE>blink</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
            </ANNOTATION_DOCUMENT>
            """);
        var (video, events, blinks) = ElanTruth.Read(path);
        Assert.Equal("P 01", video);
        // A blink tier codes every blink in the video: its blinks, not expressions.
        Assert.Equal([new TruthBlink(8000, 8160)], blinks);
        var micro = Assert.Single(events);
        Assert.Equal(("micro", 1000.0, 1160.0, "surprise"), (micro.Kind, micro.OnsetMs, micro.OffsetMs, micro.Emotion));
        Assert.True(double.IsNaN(micro.ApexMs));

        var (_, named, noBlinks) = ElanTruth.Read(path, new Dictionary<string, string> { ["laughs"] = "macro" });
        Assert.Equal([("macro", 4000.0, 6500.0)], named.Select(e => (e.Kind, e.OnsetMs, e.OffsetMs)));
        Assert.Null(noBlinks); // no blink tier named: blinks not coded
        Assert.Equal([new TruthBlink(8000, 8160)], ElanTruth.Read(path, new Dictionary<string, string> { ["Blinks"] = "blink" }).Blinks);
        Assert.Contains("has none of the tiers smiles", Assert.Throws<FormatException>(() => ElanTruth.Read(path, new Dictionary<string, string> { ["smiles"] = "macro" })).Message);
    }

    [Fact]
    public void AFolderOfFaceFlashGroundTruthIsReadAsSuchEvenWithElanFilesBesideIt()
    {
        // analyze --format elan writes <stem>.eaf next to the synth clips' <stem>.truth.json
        File.WriteAllText(Path.Combine(_dir, "a" + GroundTruth.FileSuffix),
            new GroundTruth { Video = "a.avi", Fps = 50, DurationMs = 1000, Blinks = [new TruthBlink(100, 200)] }.ToJson());
        File.WriteAllText(Path.Combine(_dir, "a.eaf"), "<ANNOTATION_DOCUMENT/>");
        File.WriteAllText(Path.Combine(_dir, "a.events.csv"), FaceFlash.Core.Output.EventsCsvWriter.EventsHeader + "\n");
        var (clips, problems, _) = TruthSet.Load(_dir, _dir, new TruthOptions());
        Assert.Empty(problems);
        Assert.Single(Assert.Single(clips).Truth.Blinks);
    }

    /// <summary>A frames file of one face at 25 fps, frames 1 … <paramref name="count"/> at 0, 40, … ms.</summary>
    private string FramesFile(string stem, int count)
    {
        var path = Path.Combine(_dir, stem + ".frames.csv");
        File.WriteAllLines(path, ["frame,face_id,timestamp,confidence", .. Enumerable.Range(1, count).Select(f => $"{f},0,{(f - 1) * 0.04:0.00},1")]);
        return path;
    }

    [Theory]
    [InlineData(CodingUnits.Frames, 1, 50, true)]
    [InlineData(CodingUnits.Frames, 0, 50, false)]
    [InlineData(CodingUnits.Frames, 2, 51, false)]
    [InlineData(CodingUnits.Seconds, 0, 1.96, true)]
    [InlineData(CodingUnits.Seconds, -0.019, 1.979, true)] // within half a frame of the first and last frames
    [InlineData(CodingUnits.Seconds, 0.5, 1.981, false)]
    [InlineData(CodingUnits.Seconds, -0.021, 1, false)]
    [InlineData(CodingUnits.Milliseconds, 0, 1960, true)]
    [InlineData(CodingUnits.Milliseconds, 1000, 2000, false)]
    public void ACodedExpressionIsInTheAnalysedFramesOnlyWhollyWithinThem(CodingUnits units, double onset, double offset, bool holds)
    {
        var times = FrameTimes.Read(FramesFile("v", 50), null, 1);
        Assert.Equal(1960, times.DurationMs);
        Assert.Equal(holds, times.Holds(new CodedEvent("v", "micro", onset, null, offset, "", []), units));
    }

    [Fact]
    public void AFrameTheResultsLackTakesItsTimeInProportionBetweenItsNeighbours()
    {
        // Frames 3 and 4 missing, the frames around them 40 and 400 ms: a frame rate that changed, or a long gap.
        var frames = Path.Combine(_dir, "gap.frames.csv");
        File.WriteAllText(frames, "frame,face_id,timestamp,confidence\n1,0,0,1\n2,0,0.04,1\n5,0,0.4,1\n6,0,0.44,1\n");
        var times = FrameTimes.Read(frames, null, 1);
        Assert.Equal([160.0, 280.0], new[] { 3.0, 4 }.Select(n => times.Ms(n, "gap")));
        var truth = times.ToTruth(new CodedEvent("gap", "micro", 2, 3, 5, "fear", ["AU01"]));
        Assert.Equal(("micro", 40.0, 160.0, 400.0, "fear", "AU01"), (truth.Kind, truth.OnsetMs, truth.ApexMs, truth.OffsetMs, truth.Emotion, string.Join('+', truth.Aus)));
    }

    [Fact]
    public void AnEmptyFramesFileHoldsNothing()
    {
        var times = FrameTimes.Read(FramesFile("none", 0), null, 1);
        Assert.Equal(0, times.DurationMs);
        Assert.False(times.Holds(0, 0));
        Assert.Contains("outside the analysed frames (none)", Assert.Throws<FormatException>(() => times.Ms(1, "none")).Message);
    }

    /// <summary>An ELAN document coding one micro-expression at 1.0–1.16 s in <paramref name="media"/>.</summary>
    private string Eaf(string name, string media)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="coder" DATE="2026-01-01T00:00:00Z" FORMAT="3.0" VERSION="3.0">
              <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"><MEDIA_DESCRIPTOR MEDIA_URL="file:///data/{media}" MIME_TYPE="video/mp4"/></HEADER>
              <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1160"/></TIME_ORDER>
              <TIER TIER_ID="micro" LINGUISTIC_TYPE_REF="default">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>surprise</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
            </ANNOTATION_DOCUMENT>
            """);
        return path;
    }

    [Fact]
    public void ElanDocumentsAreScoredOneByOneOrAsAFolderAndAVideoNotAnalysedIsOneProblem()
    {
        var coding = Directory.CreateDirectory(Path.Combine(_dir, "coding")).FullName;
        var results = Directory.CreateDirectory(Path.Combine(_dir, "results")).FullName;
        File.Move(Eaf("a.eaf", "take1.mp4"), Path.Combine(coding, "a.eaf"));
        File.Move(Eaf("b.eaf", "take2.mp4"), Path.Combine(coding, "b.eaf"));
        File.Move(FramesFile("take1", 100), Path.Combine(results, "take1.frames.csv"));
        File.WriteAllText(Path.Combine(results, "take1.events.csv"), FaceFlash.Core.Output.EventsCsvWriter.EventsHeader + "\n");

        var (clips, problems, _) = TruthSet.Load(coding, results, new TruthOptions());
        var clip = Assert.Single(clips);
        Assert.Equal(("take1", Path.Combine(results, "take1.events.csv")), (clip.Name, clip.EventsPath));
        Assert.Equal(Path.Combine(results, "take1.frames.csv"), clip.FramesPath);
        Assert.Equal(Path.Combine(results, "take1.unreported.csv"), clip.UnreportedPath);
        Assert.Equal(("human coding", 3960.0), (clip.Truth.Generator, clip.Truth.DurationMs));
        Assert.Equal([(1000.0, 1160.0, "surprise")], clip.Truth.Events.Select(e => (e.OnsetMs, e.OffsetMs, e.Emotion)));
        Assert.Equal($"b.eaf: no {Path.Combine(results, "take2")}.events.csv; analyse the video first", Assert.Single(problems));

        (clips, problems, _) = TruthSet.Load(Path.Combine(coding, "a.eaf"), results, new TruthOptions());
        Assert.Equal("take1", Assert.Single(clips).Name);
        Assert.Empty(problems);
    }

    [Fact]
    public void SomethingThatHoldsNoGroundTruthIsOneLine()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var e = Assert.Throws<FormatException>(() => TruthSet.Load(empty, _dir, new TruthOptions()));
        Assert.StartsWith($"{empty} holds no ground truth: ", e.Message);
    }

    [Theory]
    [InlineData("not xml at all", "is not an ELAN document: ")]
    [InlineData("<TIMESERIES/>", "is not an ELAN document (no ANNOTATION_DOCUMENT)")]
    [InlineData("<ANNOTATION_DOCUMENT><TIER TIER_ID=\"laughs\"/></ANNOTATION_DOCUMENT>", "has no top-level tier named micro, macro or blink; name the tiers with --tier NAME=micro")]
    [InlineData("<ANNOTATION_DOCUMENT><TIER TIER_ID=\"micro\"><ANNOTATION><ALIGNABLE_ANNOTATION TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts9\"/></ANNOTATION></TIER>" +
        "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"10\"/><TIME_SLOT TIME_SLOT_ID=\"ts9\"/></TIME_ORDER></ANNOTATION_DOCUMENT>",
        ": an annotation on tier 'micro' has an unaligned TIME_SLOT_REF2")]
    public void AnElanDocumentThatCannotBeScoredIsOneLineNamingIt(string xml, string reason)
    {
        var path = Path.Combine(_dir, "coder.eaf");
        File.WriteAllText(path, xml);
        var message = Assert.Throws<FormatException>(() => ElanTruth.Read(path)).Message;
        Assert.StartsWith(path, message);
        Assert.Contains(reason, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void AnElanDocumentWithoutMediaNamesItsVideoAfterItself()
    {
        var path = Eaf("P 07.eaf", "x.mp4");
        File.WriteAllText(path, File.ReadAllText(path).Replace("<MEDIA_DESCRIPTOR MEDIA_URL=\"file:///data/x.mp4\" MIME_TYPE=\"video/mp4\"/>", ""));
        var (video, events, blinks) = ElanTruth.Read(path);
        Assert.Equal("P 07", video);
        Assert.Single(events);
        Assert.Null(blinks);
    }
}
