using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Models.Manifest;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.ActionUnits;
using Google.Protobuf;
using Onnx;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.ActionUnits;

/// <summary>
/// The plug-in slot for a lab's own AU model: a tiny ONNX model built here (mean colour of the crop, times a fixed
/// matrix) is named in a manifest and run through the same interface as the built-in estimator.
/// </summary>
public sealed class OnnxActionUnitModelTests : IDisposable
{
    private const int Side = 32;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>[1,32,32,3] → ReduceMean over H, W → [1,3] → MatMul [3,2] → [1,2] named AU12, AU04.</summary>
    /// <param name="mix">the [3,2] matrix, row-major (rows R, G, B; columns AU12, AU04); by default AU12 = mean R, AU04 = 2 × mean G</param>
    private static byte[] TinyModel(float[]? mix = null)
    {
        var graph = new GraphProto { Name = "tiny-au" };
        graph.Input.Add(Value("image", [1, Side, Side, 3]));
        graph.Output.Add(Value("intensities", [1, 2]));
        var weights = new TensorProto { Name = "w", DataType = (int)TensorProto.Types.DataType.Float };
        weights.Dims.AddRange([3, 2]);
        weights.FloatData.AddRange(mix ?? [1f, 0f, 0f, 2f, 0f, 0f]);
        graph.Initializer.Add(weights);
        var mean = new NodeProto { OpType = "ReduceMean", Name = "mean" };
        mean.Input.Add("image");
        mean.Output.Add("rgb");
        mean.Attribute.Add(new AttributeProto { Name = "axes", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 2 } });
        mean.Attribute.Add(new AttributeProto { Name = "keepdims", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        graph.Node.Add(mean);
        var matmul = new NodeProto { OpType = "MatMul", Name = "mix" };
        matmul.Input.AddRange(["rgb", "w"]);
        matmul.Output.Add("intensities");
        graph.Node.Add(matmul);
        var model = new ModelProto { IrVersion = 7, Graph = graph, ProducerName = "FaceFlash tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto Value(string name, long[] shape)
    {
        var s = new TensorShapeProto();
        foreach (var d in shape) s.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = s } } };
    }

    private ModelRepository Repository(byte[] onnx, IReadOnlyList<string> labels)
    {
        File.WriteAllBytes(_dir.File("tiny-au.onnx"), onnx);
        var entry = new ModelEntry("lab-au", ModelKind.ActionUnits, "tiny-au.onnx",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)),
            new ModelSource("our-lab", "1.0", "tiny-au.onnx", "CC0"),
            [new TensorSpec("image", [1, Side, Side, 3], "float32", "NHWC")],
            [new TensorSpec("intensities", [1, 2], "float32")],
            new Normalisation("RGB", 1f / 255, 0, "p / 255"),
            labels);
        File.WriteAllText(_dir.File(ModelManifest.FileName), new ModelManifest(1, [entry]).ToJson());
        return new ModelRepository(_dir.Path);
    }

    [Fact]
    public void ALabsModelNamedInTheManifestEstimatesThroughTheSameInterface()
    {
        using IActionUnitEstimator estimator = new OnnxActionUnitEstimator(Repository(TinyModel(), ["AU12", "AU04"]), "lab-au", new OnnxSessionSettings());
        using var frame = new Mat(240, 320, MatType.CV_8UC3, new Scalar(0, 153, 204)); // BGR: R = 204, G = 153
        var face = new FaceObservation { FaceId = 1, Success = true, Region = new FaceRegion(new System.Numerics.Vector2(160, 120), 100, 0.3f) };
        var intensities = new float[ActionUnitInfo.Count];
        estimator.BeginFrame(frame, 0, 0);
        Assert.Equal(EstimateKind.Measured, estimator.Estimate(frame, face, intensities));
        Assert.Equal(204f / 255, intensities[(int)ActionUnit.AU12], 3);
        Assert.Equal(2 * 153f / 255, intensities[(int)ActionUnit.AU04], 3);
        Assert.Equal(ActionUnitSet.Of([ActionUnit.AU12, ActionUnit.AU04]), estimator.Measures); // and nothing else, AU01 for one
        Assert.Equal("lab-au", estimator.Name);
    }

    [Fact]
    public void AModelWithUnknownAuNamesIsRefused()
    {
        var e = Assert.Throws<ModelLoadException>(() => new OnnxActionUnitEstimator(Repository(TinyModel(), ["AU12", "AU99"]), "lab-au", new OnnxSessionSettings()));
        Assert.Contains("AU99", e.Message);
    }

    /// <summary>The repository's models plus the lab's tiny model as <c>lab-au</c>, in a folder of their own.</summary>
    private string LabModels(byte[] onnx)
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        foreach (var f in Directory.GetFiles(TestPaths.Models)) File.Copy(f, Path.Combine(models, Path.GetFileName(f)), overwrite: true);
        File.WriteAllBytes(Path.Combine(models, "tiny-au.onnx"), onnx);
        var manifest = ModelManifest.Parse(File.ReadAllText(Path.Combine(models, ModelManifest.FileName)), "models.json");
        var entry = new ModelEntry("lab-au", ModelKind.ActionUnits, "tiny-au.onnx", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(onnx)),
            new ModelSource("our-lab", "1.0", "tiny-au.onnx", "CC0"), [new TensorSpec("image", [1, Side, Side, 3], "float32", "NHWC")],
            [new TensorSpec("intensities", [1, 2], "float32")], new Normalisation("RGB", 1f / 255, 0, "p / 255"), ["AU12", "AU04"]);
        File.WriteAllText(Path.Combine(models, ModelManifest.FileName), (manifest with { Models = [.. manifest.Models, entry] }).ToJson());
        return models;
    }

    [Fact]
    public void AnalyzeUsesTheModelWhenAskedAndWritesItsColumns()
    {
        var models = LabModels(TinyModel());
        var result = FaceflashCli.Run("analyze", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "--out", _dir.Path, "--models", models, "--au-model", "lab-au", "--quiet");
        Assert.Equal(0, result.ExitCode);
        var csv = new FramesCsv(_dir.File("bbaf2n.frames.csv"));
        var row = csv.Rows.First(r => csv.Success(r) && !double.IsNaN(csv.Value(r, "AU12_r")));
        Assert.True(double.IsNaN(csv.Value(row, "AU01_r"))); // not estimated by the lab's model
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("bbaf2n.summary.json")));
        Assert.Equal("lab-au", summary.RootElement.GetProperty("action_unit_estimator").GetString());
    }

    [Fact]
    public void AModelOfOnlySomeAusYieldsEventsFromTheAusItHas()
    {
        // A still portrait whose red channel rises by half for 150 ms at 3 s. The lab's model reads AU12 as the crop's
        // redness over its greenness (8 × (R − G)) and AU04 from green, which the tint leaves alone: only AU12 moves.
        var clip = _dir.File("tint.avi");
        Ffmpeg.Run("-loop", "1", "-i", Path.Combine(TestPaths.Media, "astronaut.png"), "-t", "5", "-r", "25",
            "-vf", "scale=480:480,colorchannelmixer=rr=1.5:enable='between(t,3,3.15)'", "-c:v", "ffv1", clip);
        var models = LabModels(TinyModel([8f, 0f, -8f, 2f, 0f, 0f]));
        var result = FaceflashCli.Run("analyze", clip, "--out", _dir.Path, "--models", models, "--au-model", "lab-au", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);

        var header = File.ReadLines(_dir.File("tint.events.csv")).First().Split(',');
        var events = File.ReadLines(_dir.File("tint.events.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var e = Assert.Single(events);
        string Field(string name) => e[Array.IndexOf(header, name)];
        Assert.Equal("micro", Field("kind"));
        Assert.InRange(double.Parse(Field("onset_ms"), System.Globalization.CultureInfo.InvariantCulture), 2900, 3100);
        Assert.Equal("AU12", Field("aus")); // the only AU that moved; AUs the model lacks are never reported
        Assert.Equal("happiness", Field("emotion"));
    }
}
