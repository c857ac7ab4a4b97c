using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>
/// A lab's videos or results on a read-only share: each command says in one line what it cannot write, and writes
/// elsewhere when given <c>--out</c>. Root writes into any folder whatever its mode, so the folder is made read-only
/// by mounting it so in a mount namespace of the command's own (<c>unshare -m</c>).
/// </summary>
public sealed class ReadOnlyFolderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>Runs faceflash with <paramref name="folder"/> read-only (for it alone: the test's own view is unchanged).</summary>
    private static FaceflashCli.Result RunWithReadOnly(string folder, params string[] args)
    {
        var readOnly = $"mount --bind {Quote(folder)} {Quote(folder)} && mount -o remount,bind,ro {Quote(folder)}";
        Assert.SkipUnless(FaceflashCli.RunProgram("unshare", "-m", "sh", "-c", readOnly).ExitCode == 0, "no mount namespace can be made here to mount a folder read-only");
        var faceflash = string.Join(' ', new[] { "dotnet", "exec", FaceflashCli.Dll }.Concat(args).Select(Quote));
        return FaceflashCli.RunProgram("unshare", "-m", "sh", "-c", $"{readOnly} && exec {faceflash}");
    }

    [Fact]
    public void AReadOnlyFolderIsSaidInOneLineAndOutGoesElsewhere()
    {
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(data, "take.mpg"));

        // Results beside their input: the lock could not be made, and the batch ended as an unexpected failure (exit 3).
        var beside = RunWithReadOnly(data, "analyze", data, "--quiet");
        Assert.Equal(1, beside.ExitCode);
        Assert.Contains($"{Path.Combine(data, "take.mpg")}: cannot write to the output folder {data}", beside.Stderr);
        Assert.Contains("give --out DIR for the results", beside.Stderr);
        Assert.DoesNotContain("unexpected failure", beside.Stderr);

        // Results on a read-only share: report and eval wrote into them and failed as unexpected failures.
        Assert.Equal(0, FaceflashCli.Run("analyze", data, "--quiet").ExitCode);
        var report = RunWithReadOnly(data, "report", data, "--quiet");
        Assert.Equal(1, report.ExitCode);
        var line = Assert.Single(report.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot write to the output folder {data}", line);
        Assert.EndsWith("give --out DIR for the reports", line);
        Assert.Equal(0, RunWithReadOnly(data, "report", data, "--out", _dir.File("pages"), "--quiet").ExitCode);
        Assert.True(File.Exists(_dir.File("pages/take.report.html")));
        Assert.Contains("take.report.html", File.ReadAllText(_dir.File("pages/index.html")));

        var coding = _dir.File("coding.csv");
        File.WriteAllText(coding, "vid,onset,offset,type\ntake,20,24,me\n");
        var eval = RunWithReadOnly(data, "eval", coding, data);
        Assert.Equal(1, eval.ExitCode);
        Assert.Contains("give --out DIR for eval.json, misses.csv, flags.csv, blink-matches.csv, clips.csv and eval.png", eval.Stderr);
        Assert.DoesNotContain("unexpected failure", eval.Stderr);
        Assert.Equal(0, RunWithReadOnly(data, "eval", coding, data, "--out", _dir.File("scores")).ExitCode);
        foreach (var file in new[] { "eval.png", "misses.csv", "flags.csv", "blink-matches.csv", "clips.csv" }) Assert.True(File.Exists(_dir.File("scores/" + file)), file);
        using var scores = JsonDocument.Parse(File.ReadAllText(_dir.File("scores/eval.json")));
        Assert.Equal(1, scores.RootElement.GetProperty("micro").GetProperty("false_negatives").GetInt32());
    }
}
