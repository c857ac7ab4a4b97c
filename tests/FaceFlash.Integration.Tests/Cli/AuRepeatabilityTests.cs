using System.Globalization;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>
/// tools/au-repeatability.py on two GRID talkers analysed as they are and after a visually lossless re-encode, as
/// tools/au-repeatability.sh does for every shared video: the upper face's AUs come out the same to within 0.06 at the
/// 90th percentile (measured in the fourteenth session); the lip corners' do not (0.31–0.35 here; the README says why).
/// </summary>
public sealed class AuRepeatabilityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheUpperFacesAusRepeatOnAVisuallyLosslessReencode()
    {
        Assert.SkipUnless(Python.Installed, $"{Python.Executable} is not installed (the test command installs it)");
        var speakers = new[] { "bbaf2n", "lbax4n" };
        var originals = speakers.Select(s => TestPaths.SharedVideo($"grid/{s}.mpg")).ToArray();
        var (original, reencoded) = (_dir.File("original"), _dir.File("reencoded"));
        foreach (var (video, speaker) in originals.Zip(speakers))
            Ffmpeg.Run("-i", video, "-map", "0:v:0", "-c:v", "mjpeg", "-q:v", "2", "-fps_mode", "passthrough", _dir.File($"{speaker}.mkv"));
        Assert.Equal(0, FaceflashCli.Run(["analyze", .. originals, "--out", original, "--quiet"]).ExitCode);
        Assert.Equal(0, FaceflashCli.Run(["analyze", .. speakers.Select(s => _dir.File($"{s}.mkv")), "--out", reencoded, "--quiet"]).ExitCode);

        var (code, stdout, stderr) = Python.Run(Path.Combine(TestPaths.RepoRoot, "tools", "au-repeatability.py"), original, reencoded);
        Assert.True(code == 0, stderr);
        foreach (var speaker in speakers)
        {
            // | video | frames | 90th percentile, upper face | 90th percentile, lip corners | reference retakes |
            var row = stdout.Split('\n').Single(l => l.StartsWith($"| {speaker} |")).Split('|', StringSplitOptions.TrimEntries);
            Assert.True(int.Parse(row[2], CultureInfo.InvariantCulture) >= 70, stdout); // every frame but the reference's, measured in both
            Assert.True(double.Parse(row[3], CultureInfo.InvariantCulture) < 0.15, stdout);
        }
        Assert.Contains("| AU01 |", stdout);
    }
}
