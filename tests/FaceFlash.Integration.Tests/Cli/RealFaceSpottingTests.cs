using System.Globalization;
using System.Text.RegularExpressions;
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
public sealed class RealFaceSpottingTests(RealFaceSpottingTests.HeldOutTalkers talkers) : IClassFixture<RealFaceSpottingTests.HeldOutTalkers>
{
    /// <summary>The held-out talkers' clips, made and analysed once for the tests of this class.</summary>
    public sealed class HeldOutTalkers : IDisposable
    {
        private readonly TempDir _dir = new();

        public HeldOutTalkers()
        {
            var seed = 111;
            foreach (var speaker in new[] { "pwij3p", "sbia1a", "sbwe5n", "swiz3n", "id2_vcd_swwp2s" })
                for (var clip = 0; clip < 5; clip++, seed++)
                    Assert.Equal(0, FaceflashCli.Run("synth", "--overlay", TestPaths.SharedVideo($"grid/{speaker}.mpg"), "--out", _dir.Path,
                        "--seed", $"{seed}", "--micro", "1", "--macro", "0", "--blinks-per-min", "0", "--duration", "600", "--lead-in-ms", "250",
                        "--quiet").ExitCode);
            Assert.Equal(0, FaceflashCli.Run(["analyze", .. Directory.GetFiles(_dir.Path, "*.avi"), "--out", _dir.Path, "--quiet"]).ExitCode);
            Eval = FaceflashCli.Run("eval", _dir.Path, _dir.Path);
            FeatureDifferences = new(() => Python.Run(System.IO.Path.Combine(TestPaths.RepoRoot, "tools", "fd-baseline.py"), _dir.Path, _dir.Path));
        }

        public string Path => _dir.Path;
        public string File(string name) => _dir.File(name);

        /// <summary><c>faceflash eval</c> of the clips against their truth (it writes eval.json and misses.csv).</summary>
        public FaceflashCli.Result Eval { get; }

        /// <summary>tools/fd-baseline.py on the clips, run once for the tests that read its table.</summary>
        public Lazy<(int Code, string Stdout, string Stderr)> FeatureDifferences { get; }

        public void Dispose() => _dir.Dispose();
    }

    private readonly HeldOutTalkers _dir = talkers;

    [Fact]
    public void InjectedExpressionsAreFoundOnHeldOutTalkersWithFewFalseFlags()
    {
        var eval = _dir.Eval;
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
            Assert.Equal("face_id,onset_ms,offset_ms,duration_ms,reason,aus,onset_frame,offset_frame", rows[0]);
            var reasons = rows.Skip(1).Select(r => r.Split(',')[4]).ToList();
            foreach (var count in summary.RootElement.GetProperty("not_reported").EnumerateObject())
                Assert.Equal(count.Value.GetInt32(), reasons.Count(r => r == count.Name));
            Assert.Contains(stem + ".unreported.csv", summary.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
            unreported += reasons.Count;
        }
        Assert.True(unreported > 0);
    }

    /// <summary>
    /// tools/au-ceiling.py on the same clips (the README's *Why it falls short*): on these talking faces some AU rises
    /// past ten times its noise far more often than once a minute with nothing injected — 48 times a minute when this
    /// test came in (eighteenth session) — while the own AUs of 15 of the 23 injected micro-expressions with a second of
    /// face before them rose past five times theirs.
    /// </summary>
    [Fact]
    public void OnTalkingFacesTheAuRisesAloneDoNotSeparateTheInjectedExpressions()
    {
        Assert.SkipUnless(Python.Installed, $"{Python.Executable} is not installed (the test command installs it)");
        Assert.Equal(0, _dir.Eval.ExitCode);
        var (code, stdout, stderr) = Python.Run(Path.Combine(TestPaths.RepoRoot, "tools", "au-ceiling.py"), _dir.Path);
        Assert.True(code == 0, stderr);
        var header = Regex.Match(stdout, @"^(\d+) injected micro-expressions with a second of measured face before them, (\d+) of them found");
        Assert.True(header.Success, stdout);
        var (considered, found) = (int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.InRange(considered, 20, 25); // every clip's one micro-expression, but those in a reference's first second
        Assert.InRange(found, 1, considered);
        // | own AU rose past (noise units) | micro-expressions | any AU elsewhere, per minute | of those micro-expressions |
        var rows = stdout.Split('\n').Where(l => Regex.IsMatch(l, @"^\| \d+ \|")).Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToDictionary(r => int.Parse(r[1], CultureInfo.InvariantCulture));
        Assert.Equal([3, 5, 8, 10], rows.Keys.Order());
        int Own(int z) => int.Parse(rows[z][2].Split(' ')[0], CultureInfo.InvariantCulture);
        double Elsewhere(int z) => double.Parse(rows[z][3], CultureInfo.InvariantCulture);
        Assert.True(Own(3) >= Own(5) && Own(5) >= Own(8) && Own(8) >= Own(10), stdout);
        Assert.True(Elsewhere(3) > Elsewhere(10), stdout);
        Assert.True(Own(5) * 2 >= considered, stdout);
        Assert.True(Elsewhere(10) >= 20, stdout);
    }

    /// <summary>
    /// tools/fd-baseline.py on the same clips (the README's *Why it falls short*): the spotting literature's appearance
    /// baselines — LBP feature difference and its per-block form, and the same read of the face's local phase — find
    /// fewer injected micro-expressions than the AU rises at no more false alarms. When this test came in (thirty-sixth
    /// session): the AU rises past 10 noise units in 13 of 23 at 48 crossings a minute elsewhere; the LBP baseline at
    /// most 5 at that rate or less, its per-block form 6; the phase (thirty-seventh session) 10. The phase's per-block
    /// form is not held to it: with each frame aligned on its own it found 12 at 30 a minute, about as many as the AU
    /// rises here (fewer on the tuning sets); aligned steadily, as now, 16 at 60.
    /// </summary>
    [Fact]
    public void TheLiteraturesAppearanceBaselinesFindFewerThanTheAuRises()
    {
        var (considered, rows) = FeatureDifferenceTable();
        var (auFound, auRate) = (rows[10][AuRises][0], rows[10][AuRises][1]);
        Assert.True(auFound * 3 >= considered, $"AU rises {auFound} of {considered}");
        foreach (var baseline in new[] { LbpContrast, LbpBlockContrast, PhaseContrast })
            Assert.True(MostFoundAtOrBelow(rows, baseline, auRate) < auFound, $"column {baseline}: {MostFoundAtOrBelow(rows, baseline, auRate)} against {auFound}");
    }

    /// <summary>
    /// The same table's last column: a frame counts only where both the AU rises and the phase of a block of the face
    /// passed the threshold. On the tuning overlays that found as many injected micro-expressions as the AU rises at
    /// half their rate of false alarms or less (blobs 28 of 53 at 15 crossings a minute against 29 at 39, muscles 27 at
    /// 24 against 26 at 42), and on the still muscle portrait at 100 fps as many (17 of 18 at 4 a minute against 17 at
    /// 3); here, when this test came in (thirty-seventh session), 15 of 23 at 28 a minute against the AU rises' 13 at 48.
    /// </summary>
    [Fact]
    public void WhereTheFacesPhaseMovedWithTheAusMoreInjectedExpressionsStandOut()
    {
        var (_, rows) = FeatureDifferenceTable();
        var (auFound, auRate) = (rows[10][AuRises][0], rows[10][AuRises][1]);
        Assert.True(MostFoundAtOrBelow(rows, AuRisesAndPhase, auRate) > auFound, $"{MostFoundAtOrBelow(rows, AuRisesAndPhase, auRate)} against {auFound}");
    }

    // The table's columns: | score past (noise units) | AU rises | LBP contrast | LBP block contrast | phase contrast |
    // phase block contrast | AU rises and phase |, each "found, crossings a minute".
    private const int AuRises = 1, LbpContrast = 2, LbpBlockContrast = 3, PhaseContrast = 4, AuRisesAndPhase = 6;

    /// <summary>How many injected micro-expressions the table considers, and its rows by threshold: per column (found, crossings a minute).</summary>
    private (int Considered, Dictionary<int, double[][]> Rows) FeatureDifferenceTable()
    {
        Assert.SkipUnless(Python.Installed, $"{Python.Executable} is not installed (the test command installs it)");
        Assert.Equal(0, _dir.Eval.ExitCode);
        var (code, stdout, stderr) = _dir.FeatureDifferences.Value;
        Assert.True(code == 0, stderr);
        var header = Regex.Match(stdout, @"^(\d+) injected micro-expressions with a second of measured face before them");
        Assert.True(header.Success, stdout);
        var considered = int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(considered, 20, 25);
        var rows = stdout.Split('\n').Where(l => Regex.IsMatch(l, @"^\| \d+ \|"))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(cell => cell.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToArray())
            .ToDictionary(r => (int)r[0][0]);
        Assert.Contains(10, rows.Keys);
        Assert.All(rows.Values, r => Assert.Equal(7, r.Length));
        return (considered, rows);
    }

    /// <summary>The most injected micro-expressions a column finds at any threshold whose crossings a minute are at most <paramref name="rate"/>.</summary>
    private static double MostFoundAtOrBelow(Dictionary<int, double[][]> rows, int column, double rate) =>
        rows.Values.Where(r => r[column][1] <= rate).Select(r => r[column][0]).DefaultIfEmpty(0).Max();
}
