using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.ActionUnits;

/// <summary>
/// <c>--au-model blendshapes</c> on real faces, with either FaceMesh: the committed portrait (an astronaut smiling
/// broadly) reads as a smile and nothing else, a GRID speaker at rest before speaking reads as no smile, and the
/// speaker's jaw is followed through a sentence.
/// </summary>
public sealed class BlendshapeEstimatorTests
{
    [Theory]
    [InlineData("facemesh")]
    [InlineData("facemesh-v2")]
    public void ASmilingFaceReadsAsAU12AndARestingFaceDoesNot(string landmarkModel)
    {
        using var portrait = Cv2.ImRead(Path.Combine(TestPaths.Media, "astronaut.png"));
        var smiling = RawIntensities(portrait, landmarkModel);
        using var grid = new Mat();
        using (var source = VideoSource.Open(TestPaths.SharedVideo("grid/bbaf2n.mpg"), cancel: TestContext.Current.CancellationToken)) source.Read(grid);
        var resting = RawIntensities(grid, landmarkModel);

        Assert.True(smiling[(int)ActionUnit.AU12] >= 3, $"AU12 on the smiling portrait: {smiling[(int)ActionUnit.AU12]:F2}");
        Assert.True(resting[(int)ActionUnit.AU12] <= 1, $"AU12 on the resting speaker: {resting[(int)ActionUnit.AU12]:F2}");
        // The smile is the portrait's strongest movement: no brow, lid or jaw AU comes near it.
        foreach (var au in new[] { ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU09, ActionUnit.AU26 })
            Assert.True(smiling[(int)au] < smiling[(int)ActionUnit.AU12] / 2, $"{au} on the smiling portrait: {smiling[(int)au]:F2}");
    }

    [Fact]
    public void ItMeasuresTheAUsTheBlendshapesDescribe()
    {
        using var estimator = new BlendshapeActionUnitEstimator(ClipAnalysis.Models, new OnnxSessionSettings());
        Assert.Equal(BlendshapeActionUnits.Measured, estimator.Measures);
        Assert.True(estimator.Measures.Contains(ActionUnit.AU12L) && estimator.Measures.Contains(ActionUnit.AU45));
    }

    [Fact]
    public void AnalyzeWithFaceMeshV2AndBlendshapesFollowsASpeakersJaw()
    {
        using var dir = new TempDir();
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", dir.Path,
            "--landmark-model", "facemesh-v2", "--au-model", "blendshapes", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("bbaf2n.summary.json")));
        Assert.Equal("blendshapes", summary.RootElement.GetProperty("action_unit_estimator").GetString());
        var csv = new FramesCsv(dir.File("bbaf2n.frames.csv"));
        var jaw = csv.Rows.Where(csv.Success).Select(r => csv.Value(r, "AU26_r")).Where(v => !double.IsNaN(v)).ToList();
        Assert.True(jaw.Count > 50, $"{jaw.Count} frames with AU26");
        // The speaker says a sentence: the jaw opens and closes, so AU26 spans more than a unit of the 0–5 scale.
        Assert.True(jaw.Max() - jaw.Min() > 1, $"AU26 from {jaw.Min():F2} to {jaw.Max():F2}");
        // The model's own 52 scores are there too, in [0, 1], and its jawOpen is what AU26 was read from.
        Assert.Equal(52, csv.Header.Count(h => h.StartsWith("bs_", StringComparison.Ordinal)));
        var open = csv.Rows.Where(csv.Success).Select(r => csv.Value(r, "bs_jawOpen")).ToList();
        Assert.All(open, v => Assert.InRange(v, 0, 1));
        Assert.True(open.Max() - open.Min() > 0.2, $"bs_jawOpen from {open.Min():F2} to {open.Max():F2}");
    }

    private static float[] RawIntensities(Mat image, string landmarkModel)
    {
        using var analyzer = new FaceAnalyzer(ClipAnalysis.Models, new OnnxSessionSettings(), new FaceAnalyzerOptions { LandmarkModel = landmarkModel });
        using var estimator = new BlendshapeActionUnitEstimator(ClipAnalysis.Models, new OnnxSessionSettings());
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var faces = new List<FaceObservation>();
        analyzer.Analyze(image, 0, pool, faces);
        var raw = new float[ActionUnitInfo.Count];
        estimator.BeginFrame(image, 0, 0);
        estimator.Estimate(image, faces.Single(f => f.Success), raw);
        return raw;
    }
}
