using System.IO.Compression;
using System.Security.Cryptography;

namespace FaceFlash.ModelImport;

/// <summary>
/// A zip of TFLite models kept outside the repository (MediaPipe's <c>.task</c> bundles are not published on npm), read
/// in place from <see cref="UpstreamFolders.MediaPipeBundles"/>; its sha256 is pinned like a tarball's.
/// </summary>
public sealed record UpstreamBundle(string Name, string Version, string FileName, string Sha256, string Licence) : IUpstream
{
    public string Spec => $"{Name} {Version}";

    public string Locate(UpstreamFolders folders)
    {
        var path = Path.Combine(folders.MediaPipeBundles, FileName);
        if (!File.Exists(path)) throw new ImportException($"{FileName} is not in {folders.MediaPipeBundles}; pass --mediapipe DIR");
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        if (actual != Sha256) throw new ImportException($"{path} has sha256 {actual}, expected {Sha256}: it is not {Spec}");
        return path;
    }

    public Dictionary<string, byte[]> Read(string archive, IReadOnlySet<string> wanted)
    {
        using var zip = ZipFile.OpenRead(archive);
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            var entry = zip.GetEntry(name) ?? throw new ImportException($"{FileName} lacks {name}");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            found[name] = copy.ToArray();
        }
        return found;
    }
}
