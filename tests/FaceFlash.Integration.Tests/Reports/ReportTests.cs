using System.Diagnostics;
using System.Text.RegularExpressions;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Reports;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary>The HTML reports, rendered by headless Chromium with the network cut off.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string RunChromium(params string[] args) => HeadlessChromium.Run(_dir.File("chrome-profile"), args);

    private void AssertRendersWithEveryEvent(string reportDir, string stem)
    {
        var page = Path.Combine(reportDir, stem + ".report.html");
        var html = File.ReadAllText(page);
        Assert.DoesNotMatch(new Regex("(src|href)=\"https?://"), html); // nothing to fetch from a network

        var dom = RunChromium("--dump-dom", new Uri(page).AbsoluteUri);
        var events = File.ReadLines(Path.Combine(reportDir, stem + ".events.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(events, Regex.Matches(dom, "<tr class=\"event\">").Count);
        Assert.Contains("<img class=\"plot\"", dom);
        // The movements not reported, counted by reason: as many as unreported.csv holds.
        var unreported = File.ReadLines(Path.Combine(reportDir, stem + ".unreported.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(unreported, Regex.Matches(dom, "<tr class=\"not-reported\"><td>[a-z ]+</td><td>(\\d+)</td></tr>").Sum(m => int.Parse(m.Groups[1].Value)));
        // and each of them one by one, under the events.
        Assert.Equal(unreported, Regex.Matches(dom, "<tr class=\"not-reported-movement\">").Count);

        var shot = _dir.File(stem + ".png");
        RunChromium($"--screenshot={shot}", "--window-size=1500,1400", new Uri(page).AbsoluteUri);
        using var image = Cv2.ImRead(shot);
        Assert.False(image.Empty(), "no screenshot");
        // The timeline plot is drawn: many saturated (coloured) pixels from its lines and shaded spans.
        using var hsv = new Mat();
        Cv2.CvtColor(image, hsv, ColorConversionCodes.BGR2HSV);
        using var saturated = new Mat();
        Cv2.InRange(hsv, new Scalar(0, 60, 60), new Scalar(180, 255, 255), saturated);
        Assert.True(Cv2.CountNonZero(saturated) > 3000, "the plot did not render");
    }

    [Fact]
    public void AReportOfARealClipRendersOffline()
    {
        var results = _dir.File("grid");
        Assert.Equal(0, FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--report", "--quiet").ExitCode);
        Assert.True(File.Exists(Path.Combine(results, "index.html")));
        AssertRendersWithEveryEvent(results, "bbaf2n");
        var unreported = File.ReadLines(Path.Combine(results, "bbaf2n.unreported.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.True(unreported.Count > 0, "a talking GRID speaker leaves movements not reported");
        // Each one's onset and offset frames are the frames CSV's rows at its times.
        var frames = new FramesCsv(Path.Combine(results, "bbaf2n.frames.csv"));
        var times = frames.Rows.ToDictionary(r => (long)frames.Value(r, "frame"), r => frames.Value(r, "timestamp") * 1000);
        static double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(unreported, u => Assert.Equal((Number(u[1]), Number(u[2])), (times[long.Parse(u[6])], times[long.Parse(u[7])]),
            (x, y) => Math.Abs(x.Item1 - y.Item1) <= 0.1 && Math.Abs(x.Item2 - y.Item2) <= 0.1));
        // MPEG-1: the page says the browser cannot play it and links to the file.
        var dom = RunChromium("--dump-dom", new Uri(Path.Combine(results, "bbaf2n.report.html")).AbsoluteUri);
        Assert.Matches("<p id=\"video-note\" class=\"warn\">This browser cannot play this video", dom);
        Assert.Contains("open it in a video player", dom);
        // An AU list may wrap after each plus, so that a long one does not widen its table past the page.
        Assert.Contains("+<wbr>AU", dom);
        Assert.DoesNotMatch(@"<td>AU\d\d[LR]?\+AU", dom);
    }

    [Fact]
    public void AReportOfASynthClipShowsOneRowPerEventWithCropsAndAPng()
    {
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "10", "--micro", "2", "--macro", "1", "--seed", "21", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("synth_30fps_021.avi"), "--quiet").ExitCode);
        var report = FaceflashCli.Run("report", _dir.Path, "--png", "--quiet");
        Assert.Equal(0, report.ExitCode);
        Assert.True(File.ReadLines(_dir.File("synth_30fps_021.events.csv")).Count() > 1, "the synth clip's events were found");
        var html = File.ReadAllText(_dir.File("synth_30fps_021.report.html"));
        Assert.Contains("class=\"crop\"", html); // onset and apex crops embedded
        // Each event's own AUs around it: in a long recording the face's timeline gives a 200 ms event under a pixel.
        Assert.Equal(File.ReadLines(_dir.File("synth_30fps_021.events.csv")).Count(l => l.Length > 0) - 1, Regex.Matches(html, "<img class=\"trace\"").Count);
        Assert.Contains("#t=", html); // rows link to their moment in the video
        // Each row gives the event's frames, as a frame-by-frame coder numbers them.
        foreach (var e in Core.Scoring.EventsCsvReader.ReadRows(_dir.File("synth_30fps_021.events.csv")))
            Assert.Contains($"<td>{e.Frames!.Value.Onset} · {e.Frames!.Value.Apex} · {e.Frames!.Value.Offset}</td>", html);
        Assert.True(new FileInfo(_dir.File("synth_30fps_021.face0.timeline.png")).Length > 10_000);
        Assert.Contains("synth_30fps_021.report.html", File.ReadAllText(_dir.File("index.html")));
        AssertRendersWithEveryEvent(_dir.Path, "synth_30fps_021");
    }

    [Fact]
    public void DamagedResultsAreSaidInOneLineEachAndTheOthersAreReported()
    {
        // A frames CSV cut short (a copy that stopped) or a summary damaged: an unexpected failure ended the report.
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        foreach (var name in new[] { "a", "b", "c" }) File.Copy(clip, _dir.File($"{name}.mpg"));
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("a.mpg"), _dir.File("b.mpg"), _dir.File("c.mpg"), "--quiet").ExitCode);
        var frames = File.ReadAllText(_dir.File("a.frames.csv"));
        File.WriteAllText(_dir.File("a.frames.csv"), frames[..(frames.Length / 2)]);
        File.AppendAllText(_dir.File("b.summary.json"), "x");
        var report = FaceflashCli.Run("report", _dir.Path);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains("a: a.frames.csv line ", report.Stderr);
        Assert.Contains("the file is cut short or was edited", report.Stderr);
        Assert.Contains("b: b.summary.json cannot be read", report.Stderr);
        Assert.DoesNotContain("unexpected failure", report.Stderr);
        Assert.True(File.Exists(_dir.File("c.report.html")));
        Assert.Contains("c.report.html", File.ReadAllText(_dir.File("index.html")));
    }

    [Fact]
    public void AReportOfAnImageFolderCropsItsImagesAndLinksEachEventToItsOnsetImage()
    {
        // Labelled datasets (CASME II, SAMM) ship image folders: the synth clip as img1.png … img300.png.
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "10", "--micro", "2", "--macro", "1", "--seed", "21", "--quiet").ExitCode);
        var images = Directory.CreateDirectory(_dir.File("sub01_ep01")).FullName;
        Ffmpeg.Run("-i", _dir.File("synth_30fps_021.avi"), Path.Combine(images, "img%d.png"));
        var results = _dir.File("results");
        Assert.Equal(0, FaceflashCli.Run("analyze", images, "--sequence-fps", "30", "--out", results, "--report", "--quiet").ExitCode);

        var onsets = File.ReadLines(Path.Combine(results, "sub01_ep01.events.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.NotEmpty(onsets);
        var html = File.ReadAllText(Path.Combine(results, "sub01_ep01.report.html"));
        Assert.Equal(2 * onsets.Count, Regex.Matches(html, "class=\"crop\"").Count); // onset and apex crops from the images
        var links = Regex.Matches(html, "<a href=\"\\.\\./sub01_ep01/img(\\d+)\\.png\">").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(onsets.Select(ms => (int)Math.Round(ms * 30 / 1000) + 1), links); // the nth image is frame n, at (n − 1)/30 s
        Assert.DoesNotContain("<video", html); // nothing to play
    }

    [Fact]
    public void AReportOfAPipedRecordingDoesNotWaitOnStandardInput()
    {
        // The results of `… | faceflash analyze -` name /dev/stdin as their input; reading it again for face crops
        // waited on whatever the report's own standard input was (a terminal: until Ctrl+D).
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-c:v", "mjpeg", "-q:v", "3", "-f", "matroska", _dir.File("take.mkv"));
        Assert.Equal(0, FaceflashCli.RunWithStdin(_dir.File("take.mkv"), "analyze", "-", "--out", _dir.File("results"), "--quiet").ExitCode);
        using var report = FaceflashCli.Start(["report", _dir.File("results"), "--quiet"], redirectInput: true); // held open, never written
        Assert.True(report.WaitForExit(TimeSpan.FromSeconds(60)), "the report waited on standard input");
        Assert.Equal(0, report.ExitCode);
        Assert.Single(Directory.GetFiles(_dir.File("results"), "stdin-*.report.html"));
    }

    [Fact]
    public void AMirroredTreeOfResultsIsReportedWithOneIndex()
    {
        // `analyze DATA --out results` mirrors DATA's folders; `report results` found no results at its top and failed.
        var data = _dir.File("data");
        foreach (var folder in new[] { "p01", "p02" })
            File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(Directory.CreateDirectory(Path.Combine(data, folder)).FullName, "take.mpg"));
        var results = _dir.File("results");
        Assert.Equal(0, FaceflashCli.Run("analyze", data, "--out", results, "--report", "--quiet").ExitCode);
        var index = File.ReadAllText(Path.Combine(results, "index.html"));
        Assert.Contains("<a href=\"p01/take.report.html\">p01/take</a>", index);
        Assert.Contains("<a href=\"p02/take.report.html\">p02/take</a>", index);
        Assert.Single(Regex.Matches(index, "too few frames a second")); // 25 fps: said once, not on each row
        AssertRendersWithEveryEvent(Path.Combine(results, "p02"), "take");

        // A folder copied beside them whose name starts with a dot is not walked.
        var hidden = Directory.CreateDirectory(Path.Combine(results, ".old")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(results, "p01"))) File.Copy(file, Path.Combine(hidden, Path.GetFileName(file)));
        var report = FaceflashCli.Run("report", results);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(2, Regex.Matches(File.ReadAllText(Path.Combine(results, "index.html")), "<tr><td><a ").Count);

        // The study's tables list every video, with a live session run without --frames, which has no page.
        foreach (var kind in new[] { "summary.json", "events.csv", "blinks.csv" })
            File.Copy(Path.Combine(results, "p01", $"take.{kind}"), Path.Combine(results, "p02", $"s1.{kind}"));
        Assert.Equal(0, FaceflashCli.Run("report", results, "--quiet").ExitCode);
        var videos = File.ReadAllLines(Path.Combine(results, StudyTables.VideosFile));
        Assert.Equal([StudyTables.VideosHeader, "p01/take", "p02/s1", "p02/take"], videos.Select(v => v.StartsWith("video,") ? v : v.Split(',')[0]));
        Assert.Equal(StudyTables.EventsHeader, File.ReadLines(Path.Combine(results, StudyTables.EventsFile)).First());
    }

    [Fact]
    public void AFolderWithoutResultsSaysSo()
    {
        var result = FaceflashCli.Run("report", _dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no analysis results", result.Stderr);

        // A live session run without --frames has nothing to plot, and is named as such.
        File.WriteAllText(_dir.File("s1.summary.json"), "{}");
        var session = FaceflashCli.Run("report", _dir.Path);
        Assert.Equal(1, session.ExitCode);
        Assert.Contains("s1: no frames CSV to plot (a live session run without --frames?)", session.Stderr);
    }
}
