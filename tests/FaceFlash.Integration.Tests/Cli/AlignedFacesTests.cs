using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Cli;

/// <summary><c>--format aligned</c>: each tracked face in each frame as an aligned image, as OpenFace's <c>-simalign</c> writes them.</summary>
public sealed class AlignedFacesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void EveryTrackedFaceIsAnAlignedImageWhoseEyesStayAtTheTemplate()
    {
        var results = _dir.File("results");
        // What a run killed while writing images leaves: cleared by the next run of the same input.
        var killed = Directory.CreateDirectory(Path.Combine(results, "bbaf2n.aligned.4242-0badcafe" + Core.Output.AtomicFile.PartialSuffix)).FullName;
        File.WriteAllText(Path.Combine(killed, "frame_det_00_000001.png"), "half");
        var run = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--format", "aligned");
        Assert.True(run.ExitCode == 0, run.Stderr);

        // One image per row of a tracked face, named by the row's frame and face id, so the two join.
        var aligned = Path.Combine(results, "bbaf2n.aligned");
        var frames = new FramesCsv(Path.Combine(results, "bbaf2n.frames.csv"));
        var expected = frames.Rows.Where(frames.Success).Select(r => $"frame_det_{int.Parse(r[1]):00}_{int.Parse(r[0]):000000}.png").Order().ToList();
        Assert.Equal(75, expected.Count);
        Assert.Equal(expected, Directory.GetFiles(aligned).Select(Path.GetFileName).Order());
        using (var first = Cv2.ImRead(Path.Combine(aligned, expected[0])))
            Assert.Equal(new Size(FaceAlignment.DefaultSize, FaceAlignment.DefaultSize), first.Size());
        Assert.Equal([aligned], Directory.GetDirectories(results)); // the temporary folder was renamed

        // FaceMesh run again on the aligned images (a folder of images is an input) finds the eye corners and the
        // nose bridge where the template puts them, within a pixel, and still from image to image while he talks.
        Assert.Equal(0, FaceflashCli.Run("analyze", aligned, "--out", _dir.File("again"), "--sequence-fps", "25", "--quiet").ExitCode);
        var again = new FramesCsv(_dir.File("again/bbaf2n.aligned.frames.csv"));
        Assert.Equal(75, again.Rows.Count(again.Success));
        var template = FaceAlignment.Template(FaceAlignment.DefaultSize);
        for (var i = 0; i < FaceMeshTopology.Anchors.Length; i++)
        {
            var xs = again.Rows.Where(again.Success).Select(r => again.Value(r, $"mp_x_{FaceMeshTopology.Anchors[i]}")).ToList();
            var ys = again.Rows.Where(again.Success).Select(r => again.Value(r, $"mp_y_{FaceMeshTopology.Anchors[i]}")).ToList();
            Assert.InRange(xs.Average() - template[i].X, -1.5, 1.5);
            Assert.InRange(ys.Average() - template[i].Y, -1.5, 1.5);
            Assert.True(StandardDeviation(xs) < 0.6 && StandardDeviation(ys) < 0.6, $"anchor {FaceMeshTopology.Anchors[i]} moves in the aligned images");
        }

        // Another side, as an image model wants it: a setting of the results, so the video is analysed again.
        var larger = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--format", "aligned", "--aligned-size", "224", "--quiet");
        Assert.Equal(0, larger.ExitCode);
        using (var first = Cv2.ImRead(Path.Combine(aligned, expected[0])))
            Assert.Equal(new Size(224, 224), first.Size());

        // The folder is an output like the others: a re-run finds it in place and skips the video, and the results
        // folder, walked as an input, does not offer it as an image sequence.
        var rerun = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", results, "--format", "aligned", "--aligned-size", "224");
        Assert.Contains("already analysed, skipped", rerun.Stderr);
        var walked = FaceflashCli.Run("analyze", results, "--out", _dir.File("walked"));
        Assert.Equal(2, walked.ExitCode);
        Assert.Contains("no input", walked.Stderr);
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
