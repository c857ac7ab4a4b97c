using System.Diagnostics;
using FaceFlash.Integration.Tests.Live;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>Inputs that can be read only once — a FIFO among files, a camera that is not there.</summary>
public sealed class StreamInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFifoAmongTheInputsIsAnalysedOnceWithTheFiles()
    {
        var fifo = _dir.File("pipe.mjpeg");
        Assert.Equal(0, Process.Start("mkfifo", [fifo])!.WaitForExitAndCode());
        using var feed = Process.Start(new ProcessStartInfo("bash",
            ["-c", $"ffmpeg -loglevel error -i {TestPaths.SharedVideo("grid/bbaf2n.mpg")} -c:v mjpeg -q:v 3 -f mjpeg - > {fifo}"]))!;
        var clip = TestPaths.SharedVideo("grid/brbk7n.mpg");
        var result = FaceflashCli.Run("analyze", clip, fifo, "--out", _dir.File("out"), "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(new FramesCsv(_dir.File("out/pipe.frames.csv")).Rows.Count > 50);
        Assert.True(File.Exists(_dir.File("out/brbk7n.frames.csv")));
        Assert.True(feed.WaitForExit(TimeSpan.FromSeconds(10)));
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
