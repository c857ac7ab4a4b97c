using System.Text.Json;
using System.Xml.Linq;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Integration.Tests.Support;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>faceflash synth → analyze → eval, end to end, on a short labelled clip.</summary>
public sealed class SynthEvalTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ALabelledClipIsMadeAnalysedAndScored()
    {
        var synth = FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "50", "--duration", "10", "--micro", "3", "--macro", "1",
            "--blinks-per-min", "12", "--seed", "11", "--quiet");
        Assert.Equal(0, synth.ExitCode);
        const string stem = "synth_50fps_011";
        var truth = GroundTruth.Parse(File.ReadAllText(_dir.File(stem + ".truth.json")), "truth");
        Assert.Equal(3, truth.Events.Count(e => e.Kind == "micro"));
        Assert.Equal(1, truth.Events.Count(e => e.Kind == "macro"));
        Assert.Equal(2, truth.Blinks.Count);
        Assert.All(truth.Events.Where(e => e.Kind == "micro"), e => Assert.InRange(e.OffsetMs - e.OnsetMs, 40, 200));
        Assert.Equal(500, Ffmpeg.FrameTimesMs(_dir.File(stem + ".avi")).Count);

        var analyze = FaceflashCli.Run("analyze", _dir.File(stem + ".avi"), "--format", "megc", "elan", "--quiet");
        Assert.Equal(0, analyze.ExitCode);
        Assert.Equal(EventsCsvWriter.EventsHeader, File.ReadLines(_dir.File(stem + ".events.csv")).First());
        Assert.Equal(EventsCsvWriter.BlinksHeader, File.ReadLines(_dir.File(stem + ".blinks.csv")).First());
        Assert.Equal(MegcWriter.Header, File.ReadLines(_dir.File(stem + ".megc.csv")).First());
        Assert.Equal(File.ReadAllLines(_dir.File(stem + ".megc.csv")), File.ReadAllLines(_dir.File("megc.csv"))); // the folder's set: one video
        using (var summary = JsonDocument.Parse(File.ReadAllText(_dir.File(stem + ".summary.json"))))
        {
            // MEGC rows count up to 500 ms as micro, and say so
            Assert.Equal(500, summary.RootElement.GetProperty("segmenter").GetProperty("micro_max_ms").GetDouble());
            Assert.Equal("40–500 ms (MEGC)", summary.RootElement.GetProperty("micro_definition").GetString());
        }
        Assert.Equal("ANNOTATION_DOCUMENT", XDocument.Load(_dir.File(stem + ".eaf")).Root!.Name.LocalName);
        var frames = new FramesCsv(_dir.File(stem + ".frames.csv"));
        foreach (var column in new[] { "AU01_r", "AU45_r", "AU12L_r", "AU14R_r", "AU01_c", "AU45_c" }) frames.Column(column);
        // Each event's frames are the frames CSV's rows at its onset, apex and offset times, and the MEGC rows' frames.
        var times = frames.Rows.ToDictionary(r => (long)frames.Value(r, "frame"), r => frames.Value(r, "timestamp") * 1000);
        var events = EventsCsvReader.ReadRows(_dir.File(stem + ".events.csv"));
        Assert.NotEmpty(events);
        foreach (var e in events)
        {
            var (onset, apex, offset) = e.Frames!.Value;
            Assert.Equal(e.OnsetMs, times[onset], 0.1);
            Assert.Equal(e.ApexMs, times[apex], 0.1);
            Assert.Equal(e.OffsetMs, times[offset], 0.1);
        }
        // So are the blinks'.
        var blinks = File.ReadAllLines(_dir.File(stem + ".blinks.csv")).Skip(1).Select(l => l.Split(',').Select(double.Parse).ToArray()).ToList();
        Assert.NotEmpty(blinks);
        Assert.All(blinks, b => Assert.Equal((b[1], b[2]), (times[(long)b[3]], times[(long)b[4]]), (x, y) => Math.Abs(x.Item1 - y.Item1) <= 0.1 && Math.Abs(x.Item2 - y.Item2) <= 0.1));
        Assert.Equal(events.Select(e => $"{stem},{e.Frames!.Value.Onset},{e.Frames!.Value.Offset},{(e.Kind == "micro" ? "me" : "mae")}"),
            File.ReadAllLines(_dir.File(stem + ".megc.csv")).Skip(1));

        var eval = FaceflashCli.Run("eval", _dir.Path, _dir.Path);
        Assert.Equal(0, eval.ExitCode);
        Assert.Contains("micro", eval.Stdout);
        using (var plot = OpenCvSharp.Cv2.ImRead(_dir.File("eval.png"))) Assert.True(plot.Width >= 1000 && plot.Height >= 100, "no eval.png");
        using var report = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        var micro = report.RootElement.GetProperty("micro");
        Assert.True(micro.GetProperty("true_positives").GetInt32() >= 2, eval.Stdout);
        Assert.True(report.RootElement.GetProperty("macro").GetProperty("true_positives").GetInt32() >= 1, eval.Stdout);
        Assert.True(report.RootElement.GetProperty("emotion_accuracy").GetDouble() >= 0.6, eval.Stdout);
        Assert.Equal(0, report.RootElement.GetProperty("blinks_flagged_as_micro").GetDouble());
        // The emotions as a confusion matrix (coded down, reported across) whose diagonal is the emotion accuracy.
        var confusion = report.RootElement.GetProperty("emotion_confusion").EnumerateObject().ToList();
        var scored = confusion.Sum(row => row.Value.EnumerateObject().Sum(cell => cell.Value.GetInt32()));
        Assert.Equal(report.RootElement.GetProperty("emotions_scored").GetInt32(), scored);
        Assert.Equal(report.RootElement.GetProperty("emotion_accuracy").GetDouble(),
            confusion.Sum(row => row.Value.TryGetProperty(row.Name, out var hit) ? hit.GetInt32() : 0) / (double)scored, 6);
        Assert.Contains("coded \\ reported", eval.Stdout);
        // What was found, by how far it moved the face: the bins hold every injected expression once.
        var bins = report.RootElement.GetProperty("micro_found_by_amplitude").EnumerateArray().ToList();
        Assert.Equal(micro.GetProperty("true_positives").GetInt32(), bins.Sum(b => b.GetProperty("found").GetInt32()));
        Assert.Equal(3, bins.Sum(b => b.GetProperty("injected").GetInt32()));
        Assert.Contains("micro-expressions found, by amplitude: ", eval.Stdout);
        // Every matched event is timed against its truth; onsets and offsets within two frames (40 ms at 50 fps).
        var timing = report.RootElement.GetProperty("timing");
        var matched = micro.GetProperty("true_positives").GetInt32() + report.RootElement.GetProperty("macro").GetProperty("true_positives").GetInt32();
        Assert.Equal(matched, timing.GetProperty("durations_timed").GetInt32());
        Assert.InRange(timing.GetProperty("median_onset_error_ms").GetDouble(), 0, 40);
        Assert.InRange(timing.GetProperty("median_offset_error_ms").GetDouble(), 0, 40);
        // Every missed expression is in misses.csv, with why, and the report counts them by reason.
        var missed = micro.GetProperty("false_negatives").GetInt32() + report.RootElement.GetProperty("macro").GetProperty("false_negatives").GetInt32();
        var misses = File.ReadAllLines(_dir.File("misses.csv"));
        Assert.Equal(MissesCsv.Header, misses[0]);
        Assert.Equal(missed, misses.Length - 1);
        Assert.All(misses.Skip(1), row => Assert.NotEqual(MissedExpressions.Unknown, row.Split(',')[6]));
        Assert.Equal(micro.GetProperty("false_negatives").GetInt32(),
            report.RootElement.GetProperty("micro_missed").EnumerateObject().Sum(reason => reason.Value.GetInt32()));

        // Every reported event is in flags.csv, matched or a false flag; clips.csv's one clip holds the pooled counts.
        var flags = File.ReadAllLines(_dir.File("flags.csv"));
        Assert.Equal(FlagsCsv.Header, flags[0]);
        Assert.Equal(events.Count, flags.Length - 1);
        var macroScore = report.RootElement.GetProperty("macro");
        Assert.Equal(micro.GetProperty("true_positives").GetInt32() + macroScore.GetProperty("true_positives").GetInt32(),
            flags.Count(f => f.Split(',')[5] == "matched"));
        var clip = File.ReadAllLines(_dir.File("clips.csv"))[1].Split(',');
        Assert.Equal(stem, clip[0]);
        Assert.Equal(new[] { micro, micro, micro, macroScore, macroScore, macroScore }.Zip(["true_positives", "false_positives", "false_negatives",
            "true_positives", "false_positives", "false_negatives"], (k, name) => k.GetProperty(name).GetInt32().ToString()), clip[2..8]);

        // Spotting alone, as MEGC scores it: what was left out for its emotion counts too, so nothing is lost.
        var gated = micro.GetProperty("true_positives").GetInt32();
        var spotting = FaceflashCli.Run("eval", _dir.Path, _dir.Path, "--spotting-only");
        Assert.Equal(0, spotting.ExitCode);
        using var spotted = JsonDocument.Parse(File.ReadAllText(_dir.File("eval.json")));
        Assert.True(spotted.RootElement.GetProperty("spotting_only").GetBoolean());
        Assert.True(spotted.RootElement.GetProperty("micro").GetProperty("true_positives").GetInt32() >= gated, spotting.Stdout);
    }

    [Theory]
    [InlineData("blobs")]
    [InlineData("muscles")]
    public void AClipsPixelsDependOnlyOnItsSeed(string generator)
    {
        // Clip 2 of a batch seeded 5 is seed 6: it must be the same clip as seed 6 made on its own (the sensor noise
        // once came from OpenCV's global generator, so it depended on what was made before it; the muscle generator
        // draws each event's variation and the lighting from the clip's seed).
        string[] args = ["synth", "--fps", "25", "--duration", "3", "--micro", "1", "--macro", "0", "--blinks-per-min", "0", "--generator", generator, "--quiet"];
        Assert.Equal(0, FaceflashCli.Run([.. args, "--out", _dir.File("batch"), "--count", "2", "--seed", "5"]).ExitCode);
        Assert.Equal(0, FaceflashCli.Run([.. args, "--out", _dir.File("alone"), "--seed", "6"]).ExitCode);
        var inBatch = File.ReadAllBytes(Path.Combine(_dir.File("batch"), "synth_25fps_006.avi"));
        var alone = File.ReadAllBytes(Path.Combine(_dir.File("alone"), "synth_25fps_006.avi"));
        Assert.Equal(inBatch, alone);
    }

    [Fact]
    public void TheAmplitudeRangesMoveTheSameExpressionsFurther()
    {
        // One seed at two ranges is one script: the same expressions at the same times, each amplitude the same fraction
        // of its range, so a sensitivity sweep compares like with like. The frames differ only where an expression is.
        string[] args = ["synth", "--fps", "25", "--duration", "10", "--micro", "2", "--macro", "1", "--blinks-per-min", "0", "--seed", "4",
            "--generator", "muscles", "--quiet"];
        Assert.Equal(0, FaceflashCli.Run([.. args, "--out", _dir.File("default")]).ExitCode);
        var larger = FaceflashCli.Run([.. args, "--out", _dir.File("larger"), "--micro-px", "6-8", "--macro-px", "10"]);
        Assert.True(larger.ExitCode == 0, larger.Stderr);
        const string stem = "synth_25fps_004";
        var truths = new[] { "default", "larger" }
            .Select(d => GroundTruth.Parse(File.ReadAllText(Path.Combine(_dir.File(d), stem + ".truth.json")), d)).ToArray();
        Assert.Contains("--micro-px 6-8 --macro-px 10", truths[1].Generator);
        Assert.DoesNotContain("-px", truths[0].Generator);
        Assert.Equal(truths[0].Events.Select(e => (e.Kind, e.OnsetMs, e.OffsetMs, e.Emotion)), truths[1].Events.Select(e => (e.Kind, e.OnsetMs, e.OffsetMs, e.Emotion)));
        foreach (var (before, after) in truths[0].Events.Zip(truths[1].Events))
        {
            if (before.Kind == "micro")
            {
                Assert.InRange(before.AmplitudePx, 1, 4);
                Assert.InRange(after.AmplitudePx, 6, 8);
                Assert.Equal((before.AmplitudePx - 1) / 3, (after.AmplitudePx - 6) / 2, 0.01);
            }
            else
            {
                Assert.Equal(10, after.AmplitudePx);
            }
        }

        var frames = new[] { "default", "larger" }.Select(d => VideoFrames.Read(Path.Combine(_dir.File(d), stem + ".avi"))).ToArray();
        Assert.Equal(frames[0].Count, frames[1].Count);
        for (var i = 0; i < frames[0].Count; i++)
        {
            var ms = i * 40.0;
            var during = truths[0].Events.Any(e => ms >= e.OnsetMs - 40 && ms <= e.OffsetMs + 40);
            var differs = Cv2.Norm(frames[0][i], frames[1][i], NormTypes.INF) > 0;
            if (!during) Assert.False(differs, $"frame {i + 1} ({ms} ms) differs, with no expression on the face");
        }
        foreach (var micro in truths[0].Events.Where(e => e.Kind == "micro"))
        {
            var apex = (int)Math.Round(micro.ApexMs / 40);
            Assert.True(Cv2.Norm(frames[0][apex], frames[1][apex], NormTypes.INF) > 0, $"the micro-expression at {micro.ApexMs} ms is the same in both");
        }
        foreach (var f in frames.SelectMany(f => f)) f.Dispose();

        var refused = FaceflashCli.Run("synth", "--out", _dir.File("refused"), "--micro-px", "4-2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--micro-px must look like 1-4", refused.Stderr);
    }

    /// <summary>
    /// The muscle generator's nuisances that a camera brings: the head turning out of the image plane (the pose
    /// estimator sees the turn) and H.264 compression (the clip is an .mp4 in H.264, and the truth names it).
    /// </summary>
    [Fact]
    public void MuscleClipsTurnTheHeadAndCanBeH264()
    {
        var synth = FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "25", "--duration", "8", "--micro", "1", "--macro", "0",
            "--blinks-per-min", "0", "--generator", "muscles", "--head-turn", "15", "--h264", "23", "--seed", "3", "--quiet");
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        const string stem = "synth_25fps_003";
        Assert.False(File.Exists(_dir.File(stem + ".avi")), "the MJPG intermediate is removed");
        Assert.Equal("h264", Ffmpeg.Codec(_dir.File(stem + ".mp4")));
        var truth = GroundTruth.Parse(File.ReadAllText(_dir.File(stem + ".truth.json")), "truth");
        Assert.Equal(stem + ".mp4", truth.Video);
        Assert.Contains("--head-turn 15 --h264 23", truth.Generator);

        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File(stem + ".mp4"), "--quiet").ExitCode);
        var frames = new FramesCsv(_dir.File(stem + ".frames.csv"));
        var yaws = frames.Rows.Where(frames.Success).Select(r => frames.Value(r, "pose_Ry") * 180 / Math.PI).ToList();
        Assert.True(yaws.Count >= 190, "the turning face stays tracked");
        Assert.True(yaws.Max() - yaws.Min() >= 8, $"the head turns: yaw from {yaws.Min():0.0}° to {yaws.Max():0.0}°");

        var blobs = FaceflashCli.Run("synth", "--out", _dir.Path, "--generator", "blobs", "--head-turn", "10", "--quiet");
        Assert.Equal(2, blobs.ExitCode);
        Assert.Contains("--head-turn needs --generator muscles", blobs.Stderr);
    }

    [Fact]
    public void AnOverlaysExpressionsWhereNoFaceIsTrackedAreNotInTheGroundTruth()
    {
        // A GRID clip gone black from 1.5 s: an expression scripted after that has no face to go on.
        var video = _dir.File("half.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-vf", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='gte(t,1.5)'",
            "-an", "-c:v", "ffv1", video);
        var truths = Enumerable.Range(1, 5).Select(seed =>
        {
            var synth = FaceflashCli.Run("synth", "--overlay", video, "--out", _dir.Path, "--seed", $"{seed}", "--micro", "1", "--macro", "0",
                "--blinks-per-min", "0", "--lead-in-ms", "250");
            Assert.Equal(0, synth.ExitCode);
            var truth = GroundTruth.Parse(File.ReadAllText(_dir.File($"overlay_half_{seed:000}.truth.json")), "truth");
            if (truth.NotInjected > 0) Assert.Contains("not injected", synth.Stderr + synth.Stdout);
            return truth;
        }).ToList();
        Assert.Equal(5, truths.Sum(t => t.Events.Count + t.NotInjected)); // each scripted expression either injected or counted
        Assert.Contains(truths, t => t.NotInjected > 0);
        Assert.All(truths.SelectMany(t => t.Events), e => Assert.True(e.OnsetMs < 1500, $"an expression at {e.OnsetMs} ms, where no face was"));
    }

    [Fact]
    public void EvalSaysWhatIsMissing()
    {
        File.WriteAllText(_dir.File("clip.truth.json"), new GroundTruth { Video = "clip.avi", Fps = 30, DurationMs = 1000 }.ToJson());
        var result = FaceflashCli.Run("eval", _dir.Path, _dir.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("clip: no ", result.Stderr);
        Assert.Contains("clip.events.csv; analyse the video first", result.Stderr);
    }
}
