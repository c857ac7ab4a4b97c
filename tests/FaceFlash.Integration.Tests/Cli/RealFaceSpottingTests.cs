using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>
/// Spotting on real talking faces: expressions injected (faceflash synth --overlay) into GRID speakers that
/// tools/eval-real.sh keeps out of tuning, with its held-out seeds. When this test was first written (per-AU
/// spotting): 2 of the 15 micro-expressions found, one false flag; the segmenter before it, which thresholded one
/// signal for the whole face, found none of them (speech owned that signal). With the batch look-ahead, truncated
/// and long displays, and onsets from where the rise began: 2 found, 4 false flags — two brow raises timed 240 ms
/// (onsets 100 ms early, so macro), and two movements of the lip corners still in progress as one speaker stops
/// talking at the end of his clips, reported truncated. (On the whole held-out set precision rose: 9 of 14 micro
/// flags right instead of 7 of 24.) Far from good: the README says so.
/// </summary>
public sealed class RealFaceSpottingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InjectedExpressionsAreFoundOnHeldOutTalkersWithFewFalseFlags()
    {
        foreach (var speaker in new[] { "pwij3p", "sbia1a", "sbwe5n", "swiz3n", "id2_vcd_swwp2s" })
            foreach (var seed in new[] { "101", "102", "103" })
                Assert.Equal(0, FaceflashCli.Run("synth", "--overlay", TestPaths.SharedVideo($"grid/{speaker}.mpg"), "--out", _dir.Path,
                    "--seed", seed, "--micro", "1", "--macro", "0", "--blinks-per-min", "0", "--duration", "3", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run(["analyze", .. Directory.GetFiles(_dir.Path, "*.avi"), "--out", _dir.Path, "--quiet"]).ExitCode);

        var eval = FaceflashCli.Run("eval", _dir.Path, _dir.Path);
        Assert.Equal(0, eval.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        var micro = report.RootElement.GetProperty("micro");
        Assert.True(micro.GetProperty("true_positives").GetInt32() >= 2, eval.Stdout);
        Assert.True(micro.GetProperty("false_positives").GetInt32() + report.RootElement.GetProperty("macro").GetProperty("false_positives").GetInt32() <= 4, eval.Stdout);

        // Every movement judged and not reported is in <stem>.unreported.csv with its reason, as many per reason as the
        // summary counts; talking faces leave some.
        var unreported = 0;
        foreach (var summaryPath in Directory.GetFiles(_dir.Path, "*.summary.json"))
        {
            var stem = Path.GetFileName(summaryPath)[..^".summary.json".Length];
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var rows = File.ReadAllLines(_dir.File(stem + ".unreported.csv"));
            Assert.Equal("face_id,onset_ms,offset_ms,duration_ms,reason,aus", rows[0]);
            var reasons = rows.Skip(1).Select(r => r.Split(',')[4]).ToList();
            foreach (var count in summary.RootElement.GetProperty("not_reported").EnumerateObject())
                Assert.Equal(count.Value.GetInt32(), reasons.Count(r => r == count.Name));
            Assert.Contains(stem + ".unreported.csv", summary.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
            unreported += reasons.Count;
        }
        Assert.True(unreported > 0);
    }
}
