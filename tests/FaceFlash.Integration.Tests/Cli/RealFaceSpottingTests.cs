using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>
/// Spotting on real talking faces: expressions injected (faceflash synth --overlay) into the GRID clips that
/// tools/eval-real.sh keeps out of tuning, made as it makes them (five clips per speaker, a seed of its own each,
/// seeds 111–135, expressions from 0.6 s in). Measured when these clips came in (eleventh session): 5 of the 25
/// micro-expressions found with 10 false flags (6 of them macro: mostly injected micro-expressions timed too long,
/// or a second movement after one); the build before, flow on brightness without the label's weighing of each AU's
/// reach, found 1 with 4 false flags. (The earlier version of this test used the seeds 101–103 on every speaker: the
/// same three expressions fifteen times.) Far from good: the README says so.
/// </summary>
public sealed class RealFaceSpottingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InjectedExpressionsAreFoundOnHeldOutTalkersWithFewFalseFlags()
    {
        var seed = 111;
        foreach (var speaker in new[] { "pwij3p", "sbia1a", "sbwe5n", "swiz3n", "id2_vcd_swwp2s" })
            for (var clip = 0; clip < 5; clip++, seed++)
                Assert.Equal(0, FaceflashCli.Run("synth", "--overlay", TestPaths.SharedVideo($"grid/{speaker}.mpg"), "--out", _dir.Path,
                    "--seed", $"{seed}", "--micro", "1", "--macro", "0", "--blinks-per-min", "0", "--duration", "600", "--lead-in-ms", "250",
                    "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run(["analyze", .. Directory.GetFiles(_dir.Path, "*.avi"), "--out", _dir.Path, "--quiet"]).ExitCode);

        var eval = FaceflashCli.Run("eval", _dir.Path, _dir.Path);
        Assert.Equal(0, eval.ExitCode);
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        var micro = report.RootElement.GetProperty("micro");
        Assert.True(micro.GetProperty("true_positives").GetInt32() >= 3, eval.Stdout);
        Assert.True(micro.GetProperty("false_positives").GetInt32() + report.RootElement.GetProperty("macro").GetProperty("false_positives").GetInt32() <= 12, eval.Stdout);

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
