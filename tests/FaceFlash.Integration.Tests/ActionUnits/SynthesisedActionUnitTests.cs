using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Scoring;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Models.Runtime;
using FaceFlash.Synthesis;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.ActionUnits;

/// <summary>
/// Each action unit, rendered alone on the committed portrait, is read back by the motion estimator as that AU — by
/// the blob generator, whose warps sit on the estimator's own template points (so this only checks the plumbing), and
/// by the muscle generator, which was written apart from the estimator (so this measures it).
/// </summary>
public sealed class SynthesisedActionUnitTests
{
    private const double AmplitudePx = 4;
    public static TheoryData<ActionUnit> Units() => new(ActionUnitTemplates.Fitted.Where(a => a != ActionUnit.AU45));

    [Theory]
    [MemberData(nameof(Units))]
    public void AWarpOfOneActionUnitIsMeasuredAsThatUnit(ActionUnit au)
    {
        var measured = Measure(au, SynthGenerator.Blobs);
        // Among the units fitted to motion (the bilateral AU12 and AU14 repeat their stronger side).
        var strongest = ActionUnitTemplates.Fitted.MaxBy(a => measured[(int)a]);
        var expected = AmplitudePx / 90 * FaceMotionModel.IntensityPerEyeDistance;
        TestContext.Current.TestOutputHelper?.WriteLine($"{au}: expected ≈ {expected:0.00}; measured " +
            string.Join(" ", measured.Index().Where(x => x.Item >= 0.3).Select(x => $"{(ActionUnit)x.Index}={x.Item:0.00}")));
        Assert.Equal(au, strongest);
        // Templates and warps are written apart, so amplitudes agree only roughly; the unit must stand out clearly.
        Assert.InRange(measured[(int)au], 0.25 * expected, 1.6 * expected);
    }

    /// <summary>
    /// Measured when written: 15 of the 18 read back as themselves; AU10 (upper lip raised) and AU20 (lips stretched)
    /// read as AU12, AU23 (lips tightened) as AU14 — the estimator's templates for the lip corners take movements of
    /// the lips that the muscles spread more widely. The README reports this.
    /// </summary>
    [Fact]
    public void MostActionUnitsMovedByMusclesAreReadBackAsThemselves()
    {
        var read = ActionUnitTemplates.Fitted.Where(a => a != ActionUnit.AU45).Select(au =>
        {
            var measured = Measure(au, SynthGenerator.Muscles);
            var strongest = ActionUnitTemplates.Fitted.MaxBy(a => measured[(int)a]);
            TestContext.Current.TestOutputHelper?.WriteLine($"{au}: read as {strongest} " +
                string.Join(" ", measured.Index().Where(x => x.Item >= 0.3).Select(x => $"{(ActionUnit)x.Index}={x.Item:0.00}")));
            return strongest == au;
        }).Count(right => right);
        Assert.True(read >= 15, $"only {read} of 18 read back as themselves");
    }

    /// <summary>
    /// The still portrait brightening by 15 % over a second, more on one side than the other (daylight, a camera's
    /// auto-exposure): nothing on the face moves. Flow on the patches' detail reads no AU; flow on their brightness,
    /// against a reference a second old, reads the change of light as movement (why <see cref="FlowInput.Detail"/>
    /// exists).
    /// </summary>
    [Theory]
    [InlineData(FlowInput.Detail)]
    [InlineData(FlowInput.Brightness)]
    public void ASlowChangeOfLightIsReadAsMovementOnlyByFlowOnBrightness(FlowInput input)
    {
        var strongest = new float[ActionUnitInfo.Count];
        using var slope = new Mat(); // 0 grey levels at the left edge, 12 at the right
        Render(SynthGenerator.Blobs, events: [], (ms, frame) =>
        {
            if (slope.Empty())
            {
                var width = frame.Width;
                using var ramp = new Mat(1, width, MatType.CV_32FC1);
                for (var x = 0; x < width; x++) ramp.Set(0, x, 12f * x / width);
                using var column = new Mat();
                Cv2.Resize(ramp, column, frame.Size(), 0, 0, InterpolationFlags.Nearest);
                Cv2.Merge([column, column, column], slope);
                slope.ConvertTo(slope, MatType.CV_8UC3);
            }
            var progress = ms / 1000;
            Cv2.AddWeighted(frame, 1 + 0.1 * progress, slope, progress, 0, frame);
        }, (_, raw) =>
        {
            for (var i = 0; i < raw.Length; i++) strongest[i] = Math.Max(strongest[i], raw[i]);
        }, input);
        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Join(" ", strongest.Index().Where(x => x.Item >= 0.05).Select(x => $"{(ActionUnit)x.Index}={x.Item:0.00}")));
        var fitted = ActionUnitTemplates.Fitted.Where(a => a != ActionUnit.AU45).ToList();
        if (input == FlowInput.Detail)
            foreach (var au in fitted)
                Assert.True(strongest[(int)au] < 0.3f, $"{au} rose to {strongest[(int)au]:0.00} with only the light changing");
        else
            Assert.Contains(fitted, au => strongest[(int)au] >= 1f);
    }

    /// <summary>
    /// Detail is the default and <c>--flow-on brightness</c> reaches the estimator and the summary; the choice is a
    /// setting that shapes the outputs: a folder analysed with detail is analysed again, not skipped as complete.
    /// </summary>
    [Fact]
    public void AnalyzeWithFlowOnBrightnessSaysSoAndRedoesADetailRun()
    {
        using var dir = new TempDir();
        var video = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        string Estimator()
        {
            using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("bbaf2n.summary.json")));
            return summary.RootElement.GetProperty("action_unit_estimator").GetString()!;
        }
        var detail = FaceflashCli.Run("analyze", video, "--out", dir.Path, "--quiet");
        Assert.True(detail.ExitCode == 0, detail.Stderr);
        Assert.Equal("motion-detail", Estimator());
        var brightness = FaceflashCli.Run("analyze", video, "--out", dir.Path, "--flow-on", "brightness", "--quiet");
        Assert.True(brightness.ExitCode == 0, brightness.Stderr);
        Assert.Equal("motion", Estimator());
        var csv = new FramesCsv(dir.File("bbaf2n.frames.csv"));
        var lips = csv.Rows.Where(csv.Success).Select(r => csv.Value(r, "AU25_r")).ToList();
        Assert.True(lips.Count > 50 && lips.Max() > 0.5, $"AU25 up to {lips.DefaultIfEmpty().Max():F2} over {lips.Count} frames of a speaker talking");
    }

    /// <summary>AU intensities at the apex of a 600 ms event of one AU, no head motion, no noise.</summary>
    private static float[] Measure(ActionUnit au, SynthGenerator generator)
    {
        var truth = new TruthEvent("macro", 200, 500, 800, "test", [au.ToString()], null, AmplitudePx);
        float[] atApex = [];
        Render(generator, [new ScriptedEvent(truth, [au])], (_, _) => { }, (ms, raw) =>
        {
            if (Math.Abs(ms - 500) < 1) atApex = raw.ToArray();
        });
        return atApex;
    }

    /// <summary>
    /// One second of the committed portrait at 50 fps with the given events, no head motion, no noise; each frame
    /// passes through <paramref name="alter"/>, then the motion estimator, whose raw intensities go to <paramref name="measured"/>.
    /// </summary>
    private static void Render(SynthGenerator generator, ScriptedEvent[] events, Action<double, Mat> alter, Action<double, float[]> measured,
        FlowInput input = FlowInput.Detail)
    {
        var models = ClipAnalysis.Models;
        var options = new SynthOptions
        {
            Fps = 50, DurationS = 1, NoiseSigma = 0, HeadMotion = 0, MicroEvents = 0, MacroEvents = 0, BlinksPerMinute = 0, Generator = generator,
        };
        using var portrait = Cv2.ImRead(Path.Combine(TestPaths.Media, "astronaut.png"));
        var landmarks = SynthJob.LocateLandmarks(portrait, models) ?? throw new InvalidOperationException("no face in the committed portrait");
        using var analyzer = new FaceAnalyzer(models, new OnnxSessionSettings(), new FaceAnalyzerOptions());
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var faces = new List<FaceObservation>();
        var script = new ExpressionScript(events, []);
        using var animator = new PortraitAnimator(portrait, landmarks, options, script, new Random(1));

        using var estimator = new MotionActionUnitEstimator(input);
        using var frame = new Mat();
        var raw = new float[ActionUnitInfo.Count];
        for (var i = 0; i < 50; i++)
        {
            var ms = i * 20.0;
            animator.Render(ms, frame);
            alter(ms, frame);
            faces.ForEach(pool.Return);
            faces.Clear();
            analyzer.Analyze(frame, ms, pool, faces);
            estimator.BeginFrame(frame, i, ms);
            estimator.Estimate(frame, faces.Single(f => f.Success), raw);
            measured(ms, raw);
        }
    }
}
