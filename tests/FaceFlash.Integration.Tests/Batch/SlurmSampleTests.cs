using System.Diagnostics;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>The shipped Slurm job-array script, run as two array tasks would run it.</summary>
public sealed class SlurmSampleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(0)] // --array=0-1: shards still count from 1
    public async Task TwoArrayTasksAnalyseEveryVideoOnce(int firstTask)
    {
        var data = Directory.CreateDirectory(_dir.File("videos")).FullName;
        foreach (var clip in new[] { "bbaf2n", "lbax4n", "swiz3n" }) File.Copy(TestPaths.SharedVideo($"grid/{clip}.mpg"), Path.Combine(data, clip + ".mpg"));
        var script = Path.Combine(TestPaths.RepoRoot, "samples", "slurm", "analyze-array.sbatch");
        foreach (var task in new[] { firstTask, firstTask + 1 })
        {
            var psi = new ProcessStartInfo("bash", [script]) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.Environment["DATA"] = data;
            psi.Environment["OUT"] = _dir.File("results");
            psi.Environment["FACEFLASH"] = $"dotnet exec {Path.Combine(AppContext.BaseDirectory, "faceflash.dll")}";
            psi.Environment["SLURM_ARRAY_TASK_ID"] = task.ToString();
            psi.Environment["SLURM_ARRAY_TASK_MIN"] = firstTask.ToString();
            psi.Environment["SLURM_ARRAY_TASK_COUNT"] = "2";
            psi.Environment["SLURM_CPUS_PER_TASK"] = "1";
            using var process = Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, await stderr);
            Assert.True(File.Exists(_dir.File($"results/logs/shard-{task - firstTask + 1}-of-2.jsonl")));
        }
        foreach (var clip in new[] { "bbaf2n", "lbax4n", "swiz3n" })
            Assert.Equal(75, new FramesCsv(_dir.File($"results/{clip}.frames.csv")).Rows.Count);
        Assert.Equal(3, Directory.GetFiles(_dir.File("results"), "*.run.json").Length);
    }
}
