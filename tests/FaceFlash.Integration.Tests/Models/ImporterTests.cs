using FaceFlash.ModelImport;
using FaceFlash.ModelImport.Onnx;
using FaceFlash.ModelImport.Tfjs;
using FaceFlash.ModelImport.Tflite;

namespace FaceFlash.Integration.Tests.Models;

public sealed class ImporterTests
{
    [Fact]
    public void ReimportingTheCachedUpstreamPackagesReproducesModelsByteForByte()
    {
        foreach (var package in ModelCatalog.Entries.Select(e => e.Package).OfType<UpstreamPackage>().Distinct())
            Assert.SkipUnless(File.Exists(Path.Combine(TestPaths.UpstreamCache, package.TarballName)),
                $"{package.TarballName} is not cached in {TestPaths.UpstreamCache}; run the importer once to fetch it");
        foreach (var bundle in ModelCatalog.Entries.Select(e => e.Package).OfType<UpstreamBundle>().Distinct())
            Assert.SkipUnless(File.Exists(Path.Combine(TestPaths.MediaPipeBundles, bundle.FileName)),
                $"{bundle.FileName} is not in {TestPaths.MediaPipeBundles}");

        var output = Directory.CreateTempSubdirectory("faceflash-import-").FullName;
        try
        {
            ModelImporter.ImportAll(new UpstreamFolders(TestPaths.UpstreamCache, TestPaths.MediaPipeBundles, Fetch: false), output);
            foreach (var file in Directory.GetFiles(TestPaths.Models).Where(f => f.EndsWith(".onnx") || f.EndsWith(".json")))
                Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output, Path.GetFileName(file)))),
                    $"{Path.GetFileName(file)} differs from a fresh import");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void AnUnsupportedOpIsNamedWithItsNode()
    {
        const string json = """
            {"format":"graph-model","modelTopology":{"node":[
              {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"-1"},{"size":"4"},{"size":"4"},{"size":"1"}]}}}},
              {"name":"odd","op":"Erf","input":["x"]}]},
             "weightsManifest":[]}
            """;
        var model = TfjsGraphModel.Load(json, _ => []);
        var e = Assert.Throws<ImportException>(() => TfjsToOnnxConverter.Convert(model, "t", ""));
        Assert.Contains("'Erf'", e.Message);
        Assert.Contains("'odd'", e.Message);
    }

    [Fact]
    public void AFileThatIsNotTfliteIsRefused()
    {
        var e = Assert.Throws<ImportException>(() => TfliteModel.Load(File.ReadAllBytes(Path.Combine(TestPaths.Models, "models.json"))));
        Assert.Contains("TFL3", e.Message);
    }

    [Fact]
    public void AnUnsupportedTfliteOperatorIsNamedWithItsPosition()
    {
        var bundle = ModelCatalog.FaceLandmarkerBundle;
        Assert.SkipUnless(File.Exists(Path.Combine(TestPaths.MediaPipeBundles, bundle.FileName)), $"{bundle.FileName} is not in {TestPaths.MediaPipeBundles}");
        var archive = bundle.Locate(new UpstreamFolders(TestPaths.UpstreamCache, TestPaths.MediaPipeBundles, Fetch: false));
        var model = TfliteModel.Load(bundle.Read(archive, new HashSet<string> { "face_blendshapes.tflite" })["face_blendshapes.tflite"]);
        Assert.Equal(182, model.Operators.Count);
        const int Gelu = 150; // a builtin FaceFlash does not convert
        var altered = new TfliteModel
        {
            Tensors = model.Tensors,
            Operators = [.. model.Operators.Select(o => o.Index == 60 ? o with { Code = Gelu } : o)],
            Inputs = model.Inputs,
            Outputs = model.Outputs,
        };
        var e = Assert.Throws<ImportException>(() => TfliteLowering.Lower(altered));
        Assert.Contains("code 150", e.Message);
        Assert.Contains("operator 60", e.Message);
    }

    [Theory]
    [InlineData(8, 3, 2, "SAME", 4, 0, 1)]   // TF puts the odd padding cell at the end
    [InlineData(7, 3, 2, "SAME", 4, 1, 1)]
    [InlineData(192, 3, 2, "SAME", 96, 0, 1)]
    [InlineData(8, 2, 2, "VALID", 4, 0, 0)]
    [InlineData(7, 3, 1, "VALID", 5, 0, 0)]
    public void WindowsFollowTensorFlowPadding(long input, long kernel, long stride, string padding, long output, long begin, long end)
    {
        var node = new TfjsNode("n", "MaxPool", [], default);
        Assert.Equal((output, begin, end), TfjsToOnnxConverter.Window(node, input, kernel, stride, 1, padding));
    }
}
