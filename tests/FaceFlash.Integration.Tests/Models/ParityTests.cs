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
        // The TFLite models' reference is tools/parity/tflite_reference.py (numpy): Face Mesh V2 on the same crops
        // enlarged to 256; the blendshape model on those faces' landmarks.
        { "facemesh-v2", "Identity", LandmarkTolerancePx },
        { "facemesh-v2", "Identity_1", LogitTolerance },
        { "facemesh-v2", "Identity_2", ProbabilityTolerance },
        { "blendshapes", "StatefulPartitionedCall:0", ProbabilityTolerance },
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
            var input = runner.Input();
            var given = c.GetProperty("input");
            // An image crop is a file of raw pixels, normalised as the manifest says; landmark points are given as numbers.
            var values = given.ValueKind == JsonValueKind.String
                ? File.ReadAllBytes(Path.Combine(dir, given.GetString()!)).Select(p => p * normalisation.Scale + normalisation.Offset).ToArray()
                : given.EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal(input.Length, values.Length);
            values.CopyTo(input);
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
    public void TheSmilingAstronautSmilesInTheBlendshapeFixtures()
    {
        // Guards the fixtures themselves: on the smiling portrait both mouthSmile scores (outputs 44 and 45) are high.
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "parity", "blendshapes", "expected.json")));
        var astronaut = expected.RootElement.GetProperty("cases").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "astronaut").GetProperty("outputs").GetProperty("StatefulPartitionedCall:0");
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
