using System.Text.Json;
using FaceFlash.Core.Scoring;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary><c>faceflash eval --against</c>: two versions' results on the same truth, compared clip by clip.</summary>
public sealed class EvalAgainstTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TwoVersionsAreComparedOnTheClipsBothScored()
    {
        var (truth, better, worse) = (_dir.File("truth"), _dir.File("better"), _dir.File("worse"));
        foreach (var dir in new[] { truth, better, worse }) Directory.CreateDirectory(dir);
        // 12 clips of two micro-expressions each: the better version finds both in every clip, the worse one the first only.
        for (var i = 0; i < 12; i++)
        {
            var stem = $"clip{i:00}";
            TruthEvent Event(double onset) => new("micro", onset, onset + 50, onset + 120, "happiness", ["AU12"], null, 2);
            File.WriteAllText(Path.Combine(truth, stem + GroundTruth.FileSuffix),
                new GroundTruth { Video = stem + ".avi", Fps = 100, DurationMs = 10_000, Events = [Event(1000), Event(6000)] }.ToJson());
            const string header = "face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated\n";
            const string first = "0,micro,1000,1050,1120,120,happiness,AU12,0.8,0\n", second = "0,micro,6000,6050,6120,120,happiness,AU12,0.8,0\n";
            File.WriteAllText(Path.Combine(better, stem + ".events.csv"), header + first + second);
            File.WriteAllText(Path.Combine(worse, stem + ".events.csv"), header + first);
        }

        var run = FaceflashCli.Run("eval", truth, better, "--against", worse);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("micro 1.000 vs 0.667: +0.333", run.Stdout);
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(better, "eval.json")));
        var micro = report.RootElement.GetProperty("against").GetProperty("micro");
        Assert.Equal(12, report.RootElement.GetProperty("against").GetProperty("clips_in_common").GetInt32());
        // Every clip gains the same, so every resample does: the interval is the difference itself.
        Assert.Equal(1.0 / 3, micro.GetProperty("interval").GetProperty("low").GetDouble(), 6);
        Assert.Equal(1.0 / 3, micro.GetProperty("interval").GetProperty("high").GetDouble(), 6);

        var missing = FaceflashCli.Run("eval", truth, better, "--against", _dir.File("nowhere"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("nowhere does not exist", missing.Stderr + missing.Stdout);
    }
}
