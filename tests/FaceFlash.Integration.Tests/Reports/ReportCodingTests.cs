using System.Text.Json;
using System.Text.RegularExpressions;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Segmentation;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Reports;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary>A report page of results that <c>faceflash eval</c> scored: its events and its coding side by side.</summary>
public sealed class ReportCodingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Synth(int seed, int micro, int macro, int durationS)
    {
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", $"{durationS}", "--micro", $"{micro}", "--macro", $"{macro}",
            "--seed", $"{seed}", "--quiet").ExitCode);
        return $"synth_30fps_{seed:000}";
    }

    private static int Rows(string html, string pattern) => Regex.Matches(html, pattern).Count;

    [Fact]
    public void EachEventIsMarkedAsEvalJudgedItAndEachCodedExpressionAsFoundOrMissed()
    {
        var stem = Synth(21, micro: 2, macro: 1, durationS: 10);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File(stem + ".avi"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("eval", _dir.Path, _dir.Path).ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--quiet").ExitCode);

        using var eval = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        int Count(string kind, string what) => eval.RootElement.GetProperty(kind).GetProperty(what).GetInt32();
        var (found, missed, falseFlags) = (Count("micro", "true_positives") + Count("macro", "true_positives"),
            Count("micro", "false_negatives") + Count("macro", "false_negatives"), Count("micro", "false_positives") + Count("macro", "false_positives"));
        Assert.True(found > 0, "the synth clip's expressions were found");
        using var truth = JsonDocument.Parse(File.ReadAllText(_dir.File(stem + ".truth.json")));
        var html = File.ReadAllText(_dir.File(stem + ".report.html"));
        // Every coded expression has its row, found or missed (with why), and every event its outcome.
        Assert.Equal(truth.RootElement.GetProperty("events").GetArrayLength(), Rows(html, "<tr class=\"coded\">"));
        Assert.Equal(found, Rows(html, "<td class=\"found\">found, reported as [a-z]+</td>"));
        Assert.Equal(missed, Rows(html, "<td class=\"missed\">missed: [a-z ]+</td>"));
        Assert.Equal(found, Rows(html, "<td class=\"found\">matched: coded (micro|macro) [a-z]+ at [0-9.]+ s \\(IoU (0\\.[5-9]\\d|1\\.00)\\)</td>"));
        Assert.Equal(falseFlags, Rows(html, "<td class=\"false-flag\">false flag"));
        Assert.Equal(Rows(html, "<tr class=\"event\">"), found + falseFlags);
        // Each coded expression shows the face's AUs around it (those coded, else those that rose most): the synth face is tracked throughout.
        var codedTable = html[html.IndexOf("<table id=\"coded\">", StringComparison.Ordinal)..];
        codedTable = codedTable[..codedTable.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(found + missed, Rows(codedTable, "<img class=\"trace\""));
        var index = File.ReadAllText(_dir.File("index.html"));
        Assert.Contains($"<td>{Count("micro", "true_positives")} · {Count("micro", "false_negatives")} · {Count("micro", "false_positives")}</td>", index);
        Assert.Contains("<a href=\"eval.png\">eval.png</a>", index);
        // Pages written elsewhere still find eval's files beside the results, and link them from there.
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--out", _dir.File("pages"), "--quiet").ExitCode);
        Assert.Contains("<a href=\"../misses.csv\">misses.csv</a>", File.ReadAllText(Path.Combine(_dir.File("pages"), "index.html")));
        Assert.Equal(found, Rows(File.ReadAllText(Path.Combine(_dir.File("pages"), stem + ".report.html")), "<td class=\"found\">found, "));

        // Scored for spotting alone, a coded expression may be found by a movement left out for its emotion, which has no row among the events.
        Assert.Equal(0, FaceflashCli.Run("eval", _dir.Path, _dir.Path, "--spotting-only").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--quiet").ExitCode);
        using var spotting = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        var spotted = new[] { "micro", "macro" }.Sum(kind => spotting.RootElement.GetProperty(kind).GetProperty("true_positives").GetInt32());
        html = File.ReadAllText(_dir.File(stem + ".report.html"));
        Assert.Equal(spotted, Rows(html, "<td class=\"found\">found, (reported as [a-z]+|by a movement left out for its emotion \\(spotting only\\))</td>"));
        Assert.Equal(truth.RootElement.GetProperty("events").GetArrayLength() - spotted, Rows(html, "<td class=\"missed\">missed: "));

        // Analysed again, the events are not the ones eval judged: the page leaves the coding out and says why.
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File(stem + ".avi"), "--force", "--quiet").ExitCode);
        var again = FaceflashCli.Run("report", _dir.Path);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"{stem} analysed again after faceflash eval scored it", again.Stderr);
        Assert.DoesNotContain("Against the coding", File.ReadAllText(_dir.File(stem + ".report.html")));
        Assert.DoesNotContain("coded micro", File.ReadAllText(_dir.File("index.html")));
    }

    [Fact]
    public void ACodingOfAFolderTreeScoredIntoAnotherFolderIsShownOnThePagesWrittenThere()
    {
        // A lab's read-only results, a coding sheet naming each video by its folder, eval and report both in scores/.
        var stem = Synth(22, micro: 2, macro: 0, durationS: 6);
        var results = _dir.File("results");
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File(stem + ".avi"), "--out", Path.Combine(results, "p01"), "--quiet").ExitCode);
        using var truth = JsonDocument.Parse(File.ReadAllText(_dir.File(stem + ".truth.json")));
        static long Frame(JsonElement e, string at) => (long)Math.Round(e.GetProperty(at).GetDouble() * 30 / 1000) + 1;
        File.WriteAllLines(_dir.File("coding.csv"), truth.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => $"p01/{stem},{Frame(e, "onset_ms")},{Frame(e, "offset_ms")},me").Prepend("vid,onset,offset,type"));
        var scores = _dir.File("scores");
        Assert.Equal(0, FaceflashCli.Run("eval", _dir.File("coding.csv"), results, "--out", scores).ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", results, "--out", scores, "--quiet").ExitCode);

        var html = File.ReadAllText(Path.Combine(scores, "p01", stem + ".report.html"));
        Assert.Contains($"coded as <code>p01/{stem}</code>", html);
        Assert.Equal(2, Rows(html, "<tr class=\"coded\">"));
        var flags = File.ReadLines(Path.Combine(scores, "flags.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(flags.Count(l => l.Contains(",matched,", StringComparison.Ordinal)), Rows(html, "<td class=\"found\">matched: "));
        Assert.Equal(flags.Count, Rows(html, "<td class=\"(found|false-flag)\">(matched|false flag)"));
        Assert.True(flags.Count > 0, string.Join('\n', flags));

        // A clips.csv an earlier build of eval wrote, without the blink columns, still reads.
        var clips = Path.Combine(scores, "clips.csv");
        File.WriteAllLines(clips, File.ReadAllLines(clips).Select(l => string.Join(',', l.Split(',')[..^2])));
        Assert.StartsWith("clip,duration_s,", File.ReadLines(clips).First());
        Assert.Equal(0, FaceflashCli.Run("report", results, "--out", scores, "--quiet").ExitCode);
        Assert.Equal(2, Rows(File.ReadAllText(Path.Combine(scores, "p01", stem + ".report.html")), "<tr class=\"coded\">"));
    }

    /// <summary>A face at rest for 4 s, 25 frames a second.</summary>
    private static FaceTimeline RestingFace()
    {
        var face = new FaceTimeline(0);
        for (var i = 0; i <= 100; i++)
        {
            face.Seconds.Add(i * 0.04);
            foreach (var au in ActionUnitInfo.Bilateral) face.Intensities[au].Add(0);
        }
        return face;
    }

    /// <summary>Columns holding a colour (BGR within a few levels).</summary>
    private static List<int> Columns(Mat image, (int B, int G, int R) c)
    {
        using var mask = new Mat();
        Cv2.InRange(image, new Scalar(c.B - 6, c.G - 6, c.R - 6), new Scalar(c.B + 6, c.G + 6, c.R + 6), mask);
        return Enumerable.Range(0, mask.Width).Where(x => Cv2.CountNonZero(mask.Col(x)) > 5).ToList();
    }

    [Fact]
    public void TheTimelineShadesTheFacesStretchesThatWereNotMeasured()
    {
        var face = RestingFace();
        UnmeasuredStretch[] stretches = [new(0, 500, 900, 13, 23, UnmeasuredReasons.ReferenceTooBrief), new(0, 2000, 2800, 51, 71, UnmeasuredReasons.ReferenceTooBrief),
            new(1, 3200, 3600, 81, 91, UnmeasuredReasons.ReferenceTooBrief)];
        using var plain = Cv2.ImDecode(TimelinePlot.Png(face, [], [], [], []), ImreadModes.Color);
        using var shaded = Cv2.ImDecode(TimelinePlot.Png(face, [], [], [], stretches), ImreadModes.Color);

        // The violet over the white plot area.
        var c = TimelinePlot.UnmeasuredColour;
        int Over(byte channel) => (int)Math.Round(255 * (1 - c.Alpha / 255.0) + channel * (c.Alpha / 255.0));
        var violet = (Over(c.B), Over(c.G), Over(c.R));
        Assert.Empty(Columns(plain, violet));
        // This face's two stretches, 0.4 and 0.8 s, as two runs of columns (a grid line may cross one), the second twice
        // as wide; the other face's not at all.
        var columns = Columns(shaded, violet);
        var gaps = columns.Skip(1).Zip(columns).Where(p => p.First - p.Second > 4).ToList();
        var gap = Assert.Single(gaps);
        var (first, second) = (gap.Second - columns[0], columns[^1] - gap.First);
        Assert.InRange(second, 2 * first - 4, 2 * first + 4);
    }

    [Fact]
    public void TheTimelinesTopLaneShowsEachCodedExpressionGreenWhereFoundAndRedWhereMissed()
    {
        var face = RestingFace();
        CodedExpression[] coded = [new("micro", 1000, 1400, "fear", MissedBecause: null, ReportedAs: "fear"), new("micro", 2500, 2900, "anger", "speech")];
        using var plain = Cv2.ImDecode(TimelinePlot.Png(face, [], [], [], []), ImreadModes.Color);
        using var scored = Cv2.ImDecode(TimelinePlot.Png(face, [], [], [], [], coded), ImreadModes.Color);

        // Columns holding the lane's colour: the found bar over 1.0–1.4 s, the missed one over 2.5–2.9 s.
        var (green, red) = ((0x2c, 0xa0, 0x2c), (0x28, 0x27, 0xd6));
        Assert.Empty(Columns(plain, green));
        var found = Columns(scored, green);
        var missed = Columns(scored, red);
        Assert.NotEmpty(found);
        Assert.NotEmpty(missed);
        // Both bars 0.4 s wide, the missed one 1.5 s later: on the same axis, the same width and that far to the right.
        Assert.InRange(missed.Count, found.Count - 2, found.Count + 2);
        var pixelsPerSecond = found.Count / 0.4;
        Assert.InRange(missed.Min() - found.Min(), 1.5 * pixelsPerSecond - 3, 1.5 * pixelsPerSecond + 3);
    }
}
