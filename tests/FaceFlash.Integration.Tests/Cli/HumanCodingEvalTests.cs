using System.Text.Json;
using FaceFlash.Integration.Tests.Support;
using MiniExcelLibs;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary>
/// A lab's own coding against FaceFlash: a CASME II-style dataset (an image folder per sample) analysed, then scored
/// with <c>faceflash eval</c> from a coding sheet (XLSX and CSV) and from an ELAN file.
/// </summary>
public sealed class HumanCodingEvalTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 150 frames of a synthetic clip with two micro-expressions as <c>sub01/EP01_1/img46.jpg … img195.jpg</c> (JPEG at
    /// high quality, as CASME II's are), analysed at 25 fps. The coded rows are put where FaceFlash found its first
    /// micro-expression (so they must match it) and where it found nothing (so they must be missed). (What is scored here
    /// is the reading of the coding, not FaceFlash's accuracy: the clip is one it spots reliably.)
    /// </summary>
    [Fact]
    public void ACodingSheetAndAnElanFileScoreAnImageFolderDataset()
    {
        var synth = _dir.File("synth");
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", synth, "--fps", "25", "--duration", "6", "--micro", "2", "--macro", "0",
            "--blinks-per-min", "0", "--seed", "46", "--quiet").ExitCode);
        var sample = Path.Combine(_dir.Path, "CASME2", "sub01", "EP01_1");
        Directory.CreateDirectory(sample);
        Ffmpeg.Run("-i", Path.Combine(synth, "synth_25fps_046.avi"), "-frames:v", "150", "-q:v", "2", "-start_number", "46", Path.Combine(sample, "img%d.jpg"));
        var results = _dir.File("results");
        var analyze = FaceflashCli.Run("analyze", Path.Combine(_dir.Path, "CASME2"), "--out", results, "--sequence-fps", "25", "--format", "elan");
        Assert.True(analyze.ExitCode == 0, analyze.Stderr);
        // ELAN plays no folder of images: the document links no media (it linked the folder as a video, which ELAN cannot open).
        var written = File.ReadAllText(Path.Combine(results, "sub01", "EP01_1.eaf"));
        Assert.DoesNotContain("MEDIA_DESCRIPTOR", written);
        Assert.Contains("<TIME_SLOT ", written);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "sub01", "EP01_1.summary.json"))).RootElement;
        Assert.Equal(150, summary.GetProperty("frames_written").GetInt32());
        Assert.Equal(46, summary.GetProperty("first_image_number").GetInt32());

        var found = File.ReadAllLines(Path.Combine(results, "sub01", "EP01_1.events.csv")).Skip(1).Select(l => l.Split(',')).First(f => f[1] == "micro");
        var (onsetMs, offsetMs) = (double.Parse(found[2]), double.Parse(found[4]));
        // Frame numbers as CASME II counts them: the image's number, 40 ms apart.
        var (onset, offset) = (46 + (int)(onsetMs / 40), 46 + (int)(offsetMs / 40));
        var nothingThere = offset + 40 < 195 ? offset + 30 : 50;
        var sheet = _dir.File("coding.xlsx");
        MiniExcel.SaveAs(sheet, new[]
        {
            new Dictionary<string, object> { ["Subject"] = 1, ["Filename"] = "EP01_1", ["OnsetFrame"] = onset, ["ApexFrame"] = onset + 1, ["OffsetFrame"] = offset, ["Action Units"] = "4", ["Estimated Emotion"] = found[6] },
            new Dictionary<string, object> { ["Subject"] = 1, ["Filename"] = "EP01_1", ["OnsetFrame"] = nothingThere, ["ApexFrame"] = nothingThere + 2, ["OffsetFrame"] = nothingThere + 4, ["Action Units"] = "12", ["Estimated Emotion"] = "happiness" },
        });
        var fromSheet = Scores(FaceflashCli.Run("eval", sheet, results, "--preset", "casme2"), results);
        Assert.Equal(1, fromSheet.Micro.Tp);
        Assert.Equal(1, fromSheet.Micro.Fn);
        Assert.Equal(1.0, fromSheet.EmotionAccuracy);

        // The same coding as CSV with columns of a lab's own naming.
        var table = _dir.File("lab.csv");
        File.WriteAllText(table, $"clip,start,end\nEP01_1,{onset},{offset}\n");
        var fromCsv = Scores(FaceflashCli.Run("eval", table, results, "--video", "sub01/{clip}", "--onset", "start", "--offset", "end"), results);
        Assert.Equal(1, fromCsv.Micro.Tp);
        Assert.True(double.IsNaN(fromCsv.EmotionAccuracy), "a table without emotions has none to score");

        // Times instead of frames, as BORIS exports them (seconds) and ELAN's text export (milliseconds).
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var boris = _dir.File("boris.csv");
        File.WriteAllText(boris, $"Media file,Behavior,Start (s),Stop (s)\nsub01/EP01_1,micro,{(onsetMs / 1000).ToString(inv)},{(offsetMs / 1000).ToString(inv)}\n");
        var fromSeconds = Scores(FaceflashCli.Run("eval", boris, results, "--units", "s", "--video", "{Media file}", "--onset", "Start (s)", "--offset", "Stop (s)"), results);
        Assert.Equal(1, fromSeconds.Micro.Tp);
        var elanText = _dir.File("elan.txt"); // the name ELAN gives its tab-delimited export (whose row of column names a coder adds)
        File.WriteAllText(elanText, $"Tier\tBegin Time - msec\tEnd Time - msec\tFile\nmicro\t{onsetMs.ToString(inv)}\t{offsetMs.ToString(inv)}\tsub01/EP01_1\n");
        var fromMs = Scores(FaceflashCli.Run("eval", elanText, results, "--units", "ms", "--video", "{File}", "--onset", "Begin Time - msec", "--offset", "End Time - msec"), results);
        Assert.Equal(1, fromMs.Micro.Tp);
        // Read as frame numbers, those times name frames far past the clip's end: one line, not a score.
        Assert.Contains("is outside the analysed frames", FaceflashCli.Run("eval", elanText, results, "--video", "{File}", "--onset", "Begin Time - msec", "--offset", "End Time - msec").Stderr);

        // The study's events table (faceflash report) as a coder corrects it in a spreadsheet — a missed expression
        // added, its frame cells left blank — is a coding too.
        Assert.Equal(0, FaceflashCli.Run("report", results, "--quiet").ExitCode);
        var study = File.ReadAllLines(Path.Combine(results, "events.csv"));
        var corrected = _dir.File("corrected.csv");
        File.WriteAllLines(corrected, [.. study, $"sub01/EP01_1,0,micro,{(nothingThere - 46) * 40},{(nothingThere - 44) * 40},{(nothingThere - 42) * 40},160,happiness,AU12,1,0,,,"]);
        var fromStudy = Scores(FaceflashCli.Run("eval", corrected, results, "--preset", "faceflash"), results);
        Assert.Equal((study.Skip(1).Count(l => l.Split(',')[2] == "micro"), 0, 1), (fromStudy.Micro.Tp, fromStudy.Micro.Fp, fromStudy.Micro.Fn));
        Assert.Equal(1.0, fromStudy.EmotionAccuracy);

        // ELAN: a coder's tier, in milliseconds.
        var eaf = _dir.File("EP01_1.eaf");
        File.WriteAllText(eaf, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <ANNOTATION_DOCUMENT AUTHOR="" DATE="2026-12-03T00:00:00Z" FORMAT="3.0" VERSION="3.0">
              <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
              <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="t1" TIME_VALUE="{onsetMs}"/><TIME_SLOT TIME_SLOT_ID="t2" TIME_VALUE="{offsetMs}"/></TIME_ORDER>
              <TIER TIER_ID="coder micro" LINGUISTIC_TYPE_REF="default">
                <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="t1" TIME_SLOT_REF2="t2"><ANNOTATION_VALUE>{found[6]}</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
              </TIER>
            </ANNOTATION_DOCUMENT>
            """);
        var fromElan = Scores(FaceflashCli.Run("eval", eaf, Path.Combine(results, "sub01")), Path.Combine(results, "sub01"));
        Assert.Equal(1, fromElan.Micro.Tp);
        Assert.Equal(0, fromElan.Micro.Fn);

        // MEGC rows number an image folder's frames as its images are numbered, as the dataset's coding does: they
        // counted from 1, so FaceFlash's own rows, read back as truth, named frames before the folder's first image.
        var megc = _dir.File("megc");
        Assert.Equal(0, FaceflashCli.Run("analyze", Path.Combine(_dir.Path, "CASME2"), "--out", megc, "--sequence-fps", "25", "--format", "megc", "--quiet").ExitCode);
        var rows = File.ReadLines(Path.Combine(megc, "sub01", "megc.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var events = File.ReadLines(Path.Combine(megc, "sub01", "EP01_1.events.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(events.Select(ms => 46 + (int)Math.Round(ms / 40)), rows.Select(r => int.Parse(r[1])));
        var selfScored = Scores(FaceflashCli.Run("eval", Path.Combine(megc, "sub01", "megc.csv"), Path.Combine(megc, "sub01")), Path.Combine(megc, "sub01"));
        Assert.Equal((rows.Count(r => r[3] == "me"), 0, 0), (selfScored.Micro.Tp, selfScored.Micro.Fp, selfScored.Micro.Fn));
    }

    [Fact]
    public void AVideoNamedWithItsFilesEndingIsFoundByTheResultsName()
    {
        // Coders name the file they watched (take.mpg); analyze names its results by the stem (take.*): "no
        // results/take.mpg.events.csv; analyse the video first".
        File.Copy(TestPaths.SharedVideo("grid/bbaf2n.mpg"), _dir.File("take.mpg"));
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("take.mpg"), "--out", _dir.File("results"), "--quiet").ExitCode);
        var table = _dir.File("coding.csv");
        File.WriteAllText(table, "vid,onset,offset,type\ntake.mpg,20,24,me\n");
        var scored = Scores(FaceflashCli.Run("eval", table, _dir.File("results")), _dir.File("results"));
        Assert.Equal(1, scored.Micro.Fn + scored.Micro.Tp);
    }

    [Fact]
    public void ACodingSheetNamingAnUnanalysedVideoFailsThatVideoWithOneLine()
    {
        var table = _dir.File("megc.csv");
        File.WriteAllText(table, "vid,onset,offset,type\nnever_analysed,1,5,me\n");
        Directory.CreateDirectory(_dir.File("empty"));
        var run = FaceflashCli.Run("eval", table, _dir.File("empty"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("never_analysed: no ", run.Stderr + run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    private sealed record Kind(int Tp, int Fp, int Fn);

    private sealed record Report(Kind Micro, double EmotionAccuracy);

    private static Report Scores(FaceflashCli.Result run, string results)
    {
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var eval = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "eval.json"))).RootElement;
        var micro = eval.GetProperty("micro");
        Assert.Empty(eval.GetProperty("micro_found_by_amplitude").EnumerateArray()); // a coding gives no amplitudes
        return new Report(new Kind(micro.GetProperty("true_positives").GetInt32(), micro.GetProperty("false_positives").GetInt32(),
            micro.GetProperty("false_negatives").GetInt32()),
            // Nothing to score (a table without emotions) is written as null.
            eval.GetProperty("emotion_accuracy") is { ValueKind: JsonValueKind.Number } accuracy ? accuracy.GetDouble() : double.NaN);
    }
}
