using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>Times come from the container, never from frame counts.</summary>
public sealed class TimestampTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void VariableFrameRateTimestampsComeOutAsTheContainerHasThem()
    {
        // 60 frames of a GRID clip re-timed: 40 ms apart, then 10 ms (100 fps), then 80 ms, with gaps between.
        // Times are relative to the first video frame, as OpenCV reports them (stream start time subtracted).
        var clip = _dir.File("vfr.mkv");
        const string setpts = "if(lt(N\\,20)\\,N*40\\,if(lt(N\\,35)\\,800+(N-20)*10\\,1200+(N-35)*80))"; // in ms: the time base is 1/1000
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "60", "-vf", $"settb=1/1000,setpts={setpts}",
            "-fps_mode", "passthrough", "-enc_time_base", "1/1000", "-an", "-c:v", "ffv1", clip);
        var expected = Enumerable.Range(0, 60).Select(n => n < 20 ? n * 40.0 : n < 35 ? 800 + (n - 20) * 10.0 : 1200 + (n - 35) * 80.0).ToList();
        Assert.Equal(expected, Ffmpeg.FrameTimesMs(clip)); // the clip really is variable-rate

        var result = FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("vfr.frames.csv"));
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        Assert.Equal(60, times.Count);
        for (var i = 0; i < 60; i++) Assert.Equal(expected[i], times[i], 0.5);
        // 260 ms with no frame, between 940 and 1200 ms, is frames missing; 80 ms apart is a rate.
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("vfr.summary.json")));
        Assert.Equal(1, summary.RootElement.GetProperty("frame_gaps").GetInt32());
        Assert.Equal(260, summary.RootElement.GetProperty("longest_frame_gap_ms").GetDouble(), 0.5);
        Assert.Equal(0.94, summary.RootElement.GetProperty("longest_frame_gap_from_s").GetDouble(), 0.0005);
        Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("frames are missing from the recording at 1 place(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void AFileJoinedFromTwoRecordingsKeepsTimeRunningForward()
    {
        // Two transport-stream recordings joined end to end (as `cat` joins a recorder's segments): the second part's
        // presentation times start again at 0.
        var part = _dir.File("part.ts");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-an", "-c:v", "mpeg2video", "-q:v", "3", part);
        var joined = _dir.File("joined.ts");
        File.WriteAllBytes(joined, [.. File.ReadAllBytes(part), .. File.ReadAllBytes(part)]);
        Assert.Contains(Ffmpeg.FrameTimesMs(joined).Zip(Ffmpeg.FrameTimesMs(joined).Skip(1)), p => p.Second < p.First - 1000);

        Assert.Equal(0, FaceflashCli.Run("analyze", joined, "--out", _dir.Path, "--quiet").ExitCode);
        var csv = new FramesCsv(_dir.File("joined.frames.csv"));
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        Assert.Equal(150, times.Count);
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(40, p.Second - p.First, 0.5)); // forward, one frame apart
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("joined.summary.json")));
        Assert.Equal(1, summary.RootElement.GetProperty("timestamp_restarts").GetInt32());
        Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("ran backwards"));
    }

    [Fact]
    public void AProgramStreamWhoseLastFrameHasNoTimeEndsWithIt()
    {
        // FFmpeg writes this small MPEG-2 program stream (.mpg) with a last frame the reader gives no presentation time:
        // taken as time running backwards, it sent reading back to the file's start at its end, over and over.
        var clip = _dir.File("small.mpg");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-vf", "scale=180:144", "-an", "-c:v", "mpeg2video", "-q:v", "2", clip);
        Assert.True(Ffmpeg.LastFrameHasNoTime(clip));

        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--quiet").ExitCode);
        var csv = new FramesCsv(_dir.File("small.frames.csv"));
        var times = csv.Rows.Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        Assert.Equal(75, times.Count); // the GRID clip's 3 s at 25 fps, each frame once
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(40, p.Second - p.First, 0.5));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("small.summary.json")));
        Assert.Equal(0, summary.RootElement.GetProperty("timestamp_restarts").GetInt32());
        Assert.Equal("complete", summary.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void ImageSequencesAreTimedByTheDeclaredRate()
    {
        var frames = Directory.CreateDirectory(_dir.File("frames")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "10", Path.Combine(frames, "%05d.png"));
        var result = FaceflashCli.Run("analyze", Path.Combine(frames, "%05d.png"), "--sequence-fps", "200", "--out", _dir.Path, "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("frames.frames.csv"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 5.0), csv.Rows.Select(r => Math.Round(csv.Value(r, "timestamp") * 1000, 3)));
        Assert.All(csv.Rows, r => Assert.True(csv.Success(r)));
    }

    [Fact]
    public void APatternSequenceStartsAtItsFirstImageWhateverItsNumber()
    {
        // CASME II numbers a clip's images from its onset in the long recording (img46.jpg …); OpenCV's own reader
        // looks for a first image numbered 0–4 and refused such a pattern as "not a video". A cover image beside the
        // frames is not one of them.
        var frames = Directory.CreateDirectory(_dir.File("EP02_01f")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "10", "-start_number", "46", Path.Combine(frames, "img%d.jpg"));
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "1", Path.Combine(frames, "cover.jpg"));
        var result = FaceflashCli.Run("analyze", Path.Combine(frames, "img%d.jpg"), "--out", _dir.Path, "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(10, new FramesCsv(_dir.File("EP02_01f.frames.csv")).Rows.Count);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("EP02_01f.summary.json")));
        Assert.Equal(46, summary.RootElement.GetProperty("first_image_number").GetInt64());
        var none = FaceflashCli.Run("analyze", Path.Combine(frames, "frame%04d.png"), "--out", _dir.Path, "--quiet");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("frame%04d.png: no image matches this pattern", none.Stderr);
    }

    [Fact]
    public void AnImageMissingFromAFolderLeavesItsPlaceInTimeAndInTheFrameNumbers()
    {
        // img46 … img65 with img50 and img51 gone (a bad frame a lab deleted): until the thirty-third session every
        // image after them was timed and numbered two frames early, against the dataset's numbers and a coding of them.
        var frames = Directory.CreateDirectory(_dir.File("EP03_02")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "20", "-start_number", "46", Path.Combine(frames, "img%d.jpg"));
        File.Delete(Path.Combine(frames, "img50.jpg"));
        File.Delete(Path.Combine(frames, "img51.jpg"));
        Assert.Equal(0, FaceflashCli.Run("analyze", frames, "--sequence-fps", "25", "--format", "megc", "--out", _dir.Path, "--quiet").ExitCode);
        var csv = new FramesCsv(_dir.File("EP03_02.frames.csv"));
        var expected = Enumerable.Range(1, 20).Where(f => f is not (5 or 6)).ToList();
        Assert.Equal(expected, csv.Rows.Select(r => (int)csv.Value(r, "frame")));
        Assert.Equal(expected.Select(f => (f - 1) * 40.0), csv.Rows.Select(r => Math.Round(csv.Value(r, "timestamp") * 1000, 3)));
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("EP03_02.summary.json"))))
            Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(),
                w => w.GetString()!.StartsWith("2 image(s) are missing from the folder's numbering, the first after img49.jpg", StringComparison.Ordinal));
        // The report's face crops are cut from the image of each time.
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--quiet").ExitCode);

        // A part of the folder counts the images missing from that part: from 0.18 s (place 4.5) only img51's place,
        // from 0.4 s none.
        string[] Warnings(string from)
        {
            var part = _dir.File("from" + from);
            Assert.Equal(0, FaceflashCli.Run("analyze", frames, "--sequence-fps", "25", "--from", from, "--out", part, "--quiet").ExitCode);
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(part, "EP03_02.summary.json")));
            return [.. summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        }
        Assert.Contains(Warnings("0.18"), w => w.StartsWith("1 image(s) are missing from the folder's numbering, the first after img49.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain(Warnings("0.4"), w => w.Contains("missing from the folder"));
    }

    [Fact]
    public void AHighSpeedExportIsTimedAtTheRateItWasCaptured()
    {
        // A GRID clip's frames with every time made 8 times longer, as a high-speed camera exports a capture for
        // slow playback: read as it is, 3 s of talking last 24 s. Told the capture rate, FaceFlash gives exactly
        // what the clip itself gives.
        Ffmpeg.Run("-itsscale", "8", "-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-an", "-c", "copy", _dir.File("export.mkv"));
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("export.mkv"), "--out", _dir.File("slow"), "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("export.mkv"), "--capture-fps", "25", "--quiet").ExitCode);
        Assert.Equal(0, FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.Path, "--quiet").ExitCode);
        using (var slow = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("slow/export.summary.json"))))
            Assert.Equal(23.68, slow.RootElement.GetProperty("duration_s").GetDouble(), 0.01);
        Assert.Equal(File.ReadAllText(_dir.File("bbaf2n.frames.csv")), File.ReadAllText(_dir.File("export.frames.csv")));
        Assert.Equal(File.ReadAllText(_dir.File("bbaf2n.events.csv")), File.ReadAllText(_dir.File("export.events.csv")));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("export.summary.json")));
        Assert.Equal(25, summary.RootElement.GetProperty("fps_capture").GetDouble());
    }
}
