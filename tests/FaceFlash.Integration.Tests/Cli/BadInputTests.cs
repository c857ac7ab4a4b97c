using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>Bad input gets one clear line and a non-zero exit, never a stack trace; good inputs still get their files.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertOneLineError(FaceflashCli.Result result, string expected)
    {
        Assert.Equal(1, result.ExitCode);
        // Every call here is --quiet: the error is all that reaches the terminal (OpenCV's own warnings included).
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(expected, Assert.Single(lines));
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void AMissingFileIsNamed() =>
        AssertOneLineError(FaceflashCli.Run("analyze", _dir.File("nope.mp4"), "--quiet"), "does not exist");

    [Fact]
    public void ABrokenLinkIsNamedAsOne()
    {
        File.CreateSymbolicLink(_dir.File("moved.mp4"), _dir.File("gone/clip.mp4"));
        AssertOneLineError(FaceflashCli.Run("analyze", _dir.File("moved.mp4"), "--quiet"), "is a link to " + _dir.File("gone/clip.mp4") + ", which does not exist");
    }

    [Fact]
    public void ATextFileNamedMp4IsNotAVideo()
    {
        File.WriteAllText(_dir.File("notes.mp4"), "these are my notes, not a video\n");
        AssertOneLineError(FaceflashCli.Run("analyze", _dir.File("notes.mp4"), "--quiet"), "cannot be opened as video");
        Assert.False(File.Exists(_dir.File("notes.frames.csv")));
    }

    [Fact]
    public void APortraitWithNoFaceIsBadInputNotABadCommandLine()
    {
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=640x480", "-frames:v", "1", _dir.File("pattern.png"));
        AssertOneLineError(FaceflashCli.Run("synth", "--out", _dir.File("clips"), "--portrait", _dir.File("pattern.png"), "--quiet"),
            "pattern.png: no face found in the portrait");
        File.WriteAllText(_dir.File("notes.png"), "not an image\n");
        AssertOneLineError(FaceflashCli.Run("synth", "--out", _dir.File("clips"), "--portrait", _dir.File("notes.png"), "--quiet"),
            "notes.png is not an image OpenCV can read");
        Assert.False(Directory.Exists(_dir.File("clips")) && Directory.EnumerateFiles(_dir.File("clips")).Any());
    }

    [Fact]
    public void AnOverlayOnAVideoWithNoFaceIsRefusedAndWritesNothing()
    {
        // Until the twenty-third session this wrote a copy of the video with an empty ground truth, exit code 0.
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "10", "-c:v", "mpeg4", _dir.File("pattern.mp4"));
        AssertOneLineError(FaceflashCli.Run("synth", "--out", _dir.File("clips"), "--overlay", _dir.File("pattern.mp4"), "--micro", "2", "--macro", "1", "--quiet"),
            "pattern.mp4: no face was tracked in any frame, so nothing could be added to it");
        Assert.Empty(Directory.EnumerateFiles(_dir.File("clips")));
    }

    [Fact]
    public void BenchRefusesAStreamItCouldReadOnlyOnce() =>
        AssertOneLineError(FaceflashCli.RunWithStdin(TestPaths.SharedVideo("grid/bbaf2n.mpg"), "bench", "-", "--quiet"),
            "/dev/stdin is a stream, a FIFO or a camera: bench reads its video twice, so give it a file");

    [Fact]
    public void AStreamAddressWhereNothingAnswersIsSaidSo() =>
        // Port 9 (discard) has no server here: it was "not a video, unsupported codec, or corrupt", then (every URL,
        // OpenCV's FFmpeg having no network protocols) "nothing answered"; now FFmpeg's own reason.
        AssertOneLineError(FaceflashCli.Run("live", "--source", "rtsp://127.0.0.1:9/camera", "--headless", "--out", _dir.Path, "--quiet"),
            "rtsp://127.0.0.1:9/camera cannot be read: rtsp://127.0.0.1:9/camera: Connection refused");

    [Fact]
    public void AnEmptyFileIsNamed()
    {
        File.WriteAllBytes(_dir.File("empty.mp4"), []);
        AssertOneLineError(FaceflashCli.Run("analyze", _dir.File("empty.mp4"), "--quiet"), "is empty");
    }

    [Fact]
    public void AVideoWhoseCodecCannotBeDecodedFailsInsteadOfLookingComplete()
    {
        // OpenCV's FFmpeg opens an AV1 file and gives its size, but no frame: until the thirty-third session that was
        // an empty result with status "complete" and exit code 0.
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "1", "-c:v", "libaom-av1", "-cpu-used", "8", _dir.File("phone.mkv"));
        AssertOneLineError(FaceflashCli.Run("analyze", _dir.File("phone.mkv"), "--quiet"),
            "phone.mkv: no frame of its video (AV01) can be decoded: OpenCV's FFmpeg lacks its codec");
        Assert.False(File.Exists(_dir.File("phone.frames.csv")));
        using var record = JsonDocument.Parse(File.ReadAllText(_dir.File("phone.run.json")));
        Assert.Equal("failed", record.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void ATruncatedVideoGivesValidOutputsForWhatCouldBeDecoded()
    {
        var bytes = File.ReadAllBytes(TestPaths.SharedVideo("grid/bbaf2n.mpg"));
        File.WriteAllBytes(_dir.File("cut.mpg"), bytes[..(bytes.Length / 2)]);
        var result = FaceflashCli.Run("analyze", _dir.File("cut.mpg"), "--out", _dir.Path, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("cut.frames.csv")); // throws if any row is malformed
        Assert.InRange(csv.Rows.Count, 10, 74);
        Assert.True(csv.Rows.Count(csv.Success) >= 0.9 * csv.Rows.Count);
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("cut.summary.json")));
        Assert.Equal(csv.Rows.Count, summary.RootElement.GetProperty("frames_written").GetInt32());
    }

    [Fact]
    public void AVideoWithNoFaceGivesRowsWithSuccessZeroAndAWarning()
    {
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "1", "-c:v", "mpeg4", _dir.File("noface.mp4"));
        File.Copy(_dir.File("noface.mp4"), _dir.File("noface2.mp4"));
        var result = FaceflashCli.Run("analyze", _dir.File("noface.mp4"), _dir.File("noface2.mp4"));
        Assert.Equal(0, result.ExitCode);
        // Said on the terminal for each video, not only in its summary; the frame-rate note, the same for both, once.
        var warnings = result.Stderr.Split('\n').Where(l => l.Contains(" WRN ")).ToList();
        Assert.Contains(warnings, w => w.Contains(_dir.File("noface.mp4") + ": no face was found in any frame"));
        Assert.Contains(warnings, w => w.Contains(_dir.File("noface2.mp4") + ": no face was found in any frame"));
        Assert.Single(warnings, w => w.Contains("at 25 fps frames are 40 ms apart"));
        var csv = new FramesCsv(_dir.File("noface.frames.csv"));
        Assert.Equal(25, csv.Rows.Count);
        Assert.All(csv.Rows, r => Assert.False(csv.Success(r)));
        Assert.All(csv.Rows, r => Assert.Equal("-1", r[csv.Column("face_id")]));
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("noface.summary.json")));
        Assert.Contains("no face was found in any frame", summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void OneBadInputDoesNotStopTheOthers()
    {
        var good = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        var result = FaceflashCli.Run("analyze", _dir.File("missing.mpg"), good, "--out", _dir.Path, "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(76, File.ReadAllLines(_dir.File("bbaf2n.frames.csv")).Length);
        Assert.True(File.Exists(_dir.File("bbaf2n.summary.json")));
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        var result = FaceflashCli.Run("analyze");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no input", result.Stderr);
        Assert.Equal(2, FaceflashCli.Run("analyze", "x.mp4", "--no-such-option").ExitCode);
    }

    [Fact]
    public void AlteredModelsAreRefusedBeforeAnyWork()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        foreach (var f in Directory.GetFiles(TestPaths.Models)) File.Copy(f, Path.Combine(models, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(models, "facemesh.onnx"), "tampered");
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.Path, "--models", models, "--quiet");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("sha256", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(File.Exists(_dir.File("bbaf2n.frames.csv")));
    }

    [Fact]
    public void AnOutputFolderThatCannotBeWrittenIsNamedBeforeAnyWork()
    {
        // A file where a folder should be: writing below it fails even for root, unlike a read-only folder.
        File.WriteAllText(_dir.File("taken"), "");
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.File("taken/results"), "--quiet");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot write to the output folder", result.Stderr);
        Assert.Contains("taken/results", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
