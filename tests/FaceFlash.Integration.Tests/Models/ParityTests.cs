using System.Text.Json;
using FaceFlash.Models.Runtime;

namespace FaceFlash.Integration.Tests.Models;

/// <summary>
/// The imported ONNX models compute what the originals compute on the same real face crops: the TF.js models run by
/// @tensorflow/tfjs (tools/parity/make-fixtures.mjs), the TFLite models by an independent numpy interpreter
/// (tools/parity/tflite_reference.py).
/// </summary>
public sealed class ParityTests
{
    private const double LandmarkTolerancePx = 1e-3;
    private const double ProbabilityTolerance = 1e-4;
    private const double LogitTolerance = 1e-3;

    public static TheoryData<string, string, double> Outputs() => new()
    {
        { "facemesh", "output_mesh", LandmarkTolerancePx },
        { "facemesh", "output_contours", LandmarkTolerancePx },
        { "facemesh", "output_faceflag", ProbabilityTolerance },
        { "iris", "Identity", LandmarkTolerancePx },
        { "emotion", "Identity", ProbabilityTolerance },
        // Face Mesh V2's reference is tools/parity/tflite_reference.py (numpy), on the same crops enlarged to 256.
        { "facemesh-v2", "Identity", LandmarkTolerancePx },
        { "facemesh-v2", "Identity_1", LogitTolerance },
        { "facemesh-v2", "Identity_2", ProbabilityTolerance },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void OnnxMatchesTheOriginalOnRealFaceCrops(string model, string output, double tolerance)
    {
        var repository = new ModelRepository(TestPaths.Models);
        using var runner = new ModelRunner(repository, model, new OnnxSessionSettings());
        var normalisation = runner.Entry.Normalisation;
        var dir = Path.Combine(TestPaths.Fixtures, "parity", model);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")));
        var cases = expected.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);

        foreach (var c in cases)
        {
            var pixels = File.ReadAllBytes(Path.Combine(dir, c.GetProperty("input").GetString()!));
            var input = runner.Input();
            Assert.Equal(input.Length, pixels.Length);
            for (var i = 0; i < pixels.Length; i++) input[i] = pixels[i] * normalisation.Scale + normalisation.Offset;
            runner.Run();

            var want = c.GetProperty("outputs").GetProperty(output).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var got = runner.Output(output).ToArray();
            Assert.Equal(want.Length, got.Length);
            var worst = Enumerable.Range(0, want.Length).Max(i => Math.Abs(want[i] - got[i]));
            TestContext.Current.TestOutputHelper?.WriteLine($"{model}/{c.GetProperty("name")}/{output}: max |ONNX - original| = {worst:G3}");
            Assert.True(worst <= tolerance, $"{model}/{c.GetProperty("name")}/{output}: max |ONNX - original| = {worst:G3} > {tolerance:G3}");
        }
    }

    [Fact]
    public void BlendshapesMatchAnIndependentTfliteInterpreter()
    {
        // Fixtures from tools/parity/tflite_reference.py: the .tflite run op by op in numpy on real faces' landmarks.
        using var runner = new ModelRunner(new ModelRepository(TestPaths.Models), "blendshapes", new OnnxSessionSettings());
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "parity", "blendshapes", "expected.json")));
        var cases = expected.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var points = c.GetProperty("input").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            points.CopyTo(runner.Input());
            runner.Run();
            var want = c.GetProperty("outputs").GetProperty("StatefulPartitionedCall:0").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var got = runner.Output("StatefulPartitionedCall:0").ToArray();
            Assert.Equal(want.Length, got.Length);
            var worst = Enumerable.Range(0, want.Length).Max(i => Math.Abs(want[i] - got[i]));
            TestContext.Current.TestOutputHelper?.WriteLine($"blendshapes/{c.GetProperty("name")}: max |ONNX - numpy| = {worst:G3}");
            Assert.True(worst <= ProbabilityTolerance, $"blendshapes/{c.GetProperty("name")}: max |ONNX - numpy| = {worst:G3}");
        }
        // The smiling astronaut smiles: both mouthSmile scores (44, 45) are her strongest blendshapes.
        var astronaut = cases.Single(c => c.GetProperty("name").GetString() == "astronaut").GetProperty("outputs").GetProperty("StatefulPartitionedCall:0");
        Assert.True(astronaut[44].GetDouble() > 0.5 && astronaut[45].GetDouble() > 0.5);
    }

    [Fact]
    public void FixturesAreRealFacesTheModelsRecognise()
    {
        // Guards the fixtures themselves: FaceMesh must be confident that every crop holds a face.
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "parity", "facemesh", "expected.json")));
        foreach (var c in expected.RootElement.GetProperty("cases").EnumerateArray())
            Assert.True(c.GetProperty("outputs").GetProperty("output_faceflag")[0].GetDouble() > 0.9, c.GetProperty("name").GetString());
    }
}
