using System.Security.Cryptography;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Pipeline.Jobs;

namespace FaceFlash.Pipeline.Batch;

/// <summary>
/// <c>&lt;stem&gt;.run.json</c>: what was analysed (path, size, hash of its first MiB), by which FaceFlash and models, and
/// how it ended. Written last and atomically, so its presence with status "complete" means every output is whole; a
/// re-run skips inputs whose record still matches. The folder's <c>faceflash-manifest.json</c> gathers them.
/// </summary>
public sealed record RunRecord(
    string Input,
    long Size,
    string HeadSha256,
    string FaceflashVersion,
    string ModelsSha256,
    string Status,
    string? Reason,
    IReadOnlyList<string> Outputs,
    DateTimeOffset FinishedAt)
{
    public const string Suffix = ".run.json";
    public const string ManifestName = "faceflash-manifest.json";
    private const int HeadBytes = 1 << 20;

    public static string PathFor(BatchInput input) => Path.Combine(input.OutputDirectory, input.Stem + Suffix);

    /// <summary>Size and first-MiB hash of a file input; (0, "") for cameras, streams and sequences.</summary>
    public static (long Size, string Head) Fingerprint(string source)
    {
        if (!File.Exists(source)) return (0, "");
        try
        {
            using var stream = File.OpenRead(source);
            var buffer = new byte[(int)Math.Min(HeadBytes, stream.Length)];
            stream.ReadExactly(buffer);
            return (stream.Length, Convert.ToHexStringLower(SHA256.HashData(buffer)));
        }
        catch (IOException)
        {
            return (0, "");
        }
        catch (UnauthorizedAccessException)
        {
            return (0, "");
        }
    }

    public static RunRecord? Read(BatchInput input)
    {
        var path = PathFor(input);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), JsonFiles.Options) : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable record is no record: the input is analysed again
        }
    }

    public void Write(BatchInput input) => AtomicFile.WriteAllText(PathFor(input), JsonSerializer.Serialize(this, JsonFiles.Options) + "\n");

    /// <summary>Is this record a finished analysis of exactly this input, by exactly this software, with its outputs in place?</summary>
    public bool Covers(BatchInput input, long size, string head, string version, string models) =>
        Status == "complete" && Input == input.Source && Size == size && HeadSha256 == head && FaceflashVersion == version && ModelsSha256 == models
        && Outputs.All(o => File.Exists(Path.Combine(input.OutputDirectory, o)));

    /// <summary>Rewrites the folder's manifest from every run record in it.</summary>
    public static void WriteManifest(string directory)
    {
        var records = Directory.GetFiles(directory, "*" + Suffix).Order(StringComparer.Ordinal)
            .Select(f => { try { return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(f), JsonFiles.Options); } catch (JsonException) { return null; } })
            .OfType<RunRecord>().ToList();
        AtomicFile.WriteAllText(Path.Combine(directory, ManifestName), JsonSerializer.Serialize(new { runs = records }, JsonFiles.Options) + "\n");
    }
}
