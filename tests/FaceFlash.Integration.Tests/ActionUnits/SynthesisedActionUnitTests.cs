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
/// Each action unit, rendered alone on the committed portrait by the synthesiser's warps (which are written apart
/// from the estimator's templates), is read back by the motion estimator as that AU.
/// </summary>
public sealed class SynthesisedActionUnitTests
{
    private const double AmplitudePx = 4;
    public static TheoryData<ActionUnit> Units() => new(ActionUnitTemplates.Fitted.Where(a => a != ActionUnit.AU45));

    [Theory]
    [MemberData(nameof(Units))]
    public void AWarpOfOneActionUnitIsMeasuredAsThatUnit(ActionUnit au)
    {
        var measured = Measure(au);
        // Among the units fitted to motion (the bilateral AU12 and AU14 repeat their stronger side).
        var strongest = ActionUnitTemplates.Fitted.MaxBy(a => measured[(int)a]);
        var expected = AmplitudePx / 90 * FaceMotionModel.IntensityPerEyeDistance;
        TestContext.Current.TestOutputHelper?.WriteLine($"{au}: expected ≈ {expected:0.00}; measured " +
            string.Join(" ", measured.Index().Where(x => x.Item >= 0.3).Select(x => $"{(ActionUnit)x.Index}={x.Item:0.00}")));
        Assert.Equal(au, strongest);
        // Templates and warps are written apart, so amplitudes agree only roughly; the unit must stand out clearly.
        Assert.InRange(measured[(int)au], 0.25 * expected, 1.6 * expected);
    }

    /// <summary>AU intensities at the apex of a 600 ms event of one AU, no head motion, no noise.</summary>
    private static float[] Measure(ActionUnit au)
    {
        var models = ClipAnalysis.Models;
        var options = new SynthOptions { Fps = 50, DurationS = 1, NoiseSigma = 0, HeadMotion = 0, MicroEvents = 0, MacroEvents = 0, BlinksPerMinute = 0 };
        using var portrait = Cv2.ImRead(Path.Combine(TestPaths.Media, "astronaut.png"));
        var landmarks = SynthJob.LocateLandmarks(portrait, models);
        using var analyzer = new FaceAnalyzer(models, new OnnxSessionSettings(), new FaceAnalyzerOptions());
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var faces = new List<FaceObservation>();
        var truth = new TruthEvent("macro", 200, 500, 800, "test", [au.ToString()], null, AmplitudePx);
        var script = new ExpressionScript([new ScriptedEvent(truth, [au])], []);
        using var animator = new PortraitAnimator(portrait, landmarks, options, script, new Random(1));

        using var estimator = new MotionActionUnitEstimator();
        using var frame = new Mat();
        var raw = new float[ActionUnitInfo.Count];
        float[] atApex = [];
        for (var i = 0; i < 50; i++)
        {
            var ms = i * 20.0;
            animator.Render(ms, frame);
            faces.ForEach(pool.Return);
            faces.Clear();
            analyzer.Analyze(frame, ms, pool, faces);
            estimator.BeginFrame(frame, i, ms);
            estimator.Estimate(frame, faces.Single(f => f.Success), raw);
            if (Math.Abs(ms - 500) < 1) atApex = raw.ToArray();
        }
        return atApex;
    }
}
