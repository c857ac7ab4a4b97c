using System.Security.Cryptography;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Pipeline.Jobs;

namespace FaceFlash.Pipeline.Batch;

/// <summary>
/// <c>&lt;stem&gt;.run.json</c>: what was analysed (path, size, SHA-256 of the whole file), by which FaceFlash (version
/// and commit), models and settings, and how it ended. Written last and atomically, so its presence with status
/// "complete" means every output is whole; a re-run skips an input only when all of these still match. The folder's
/// <c>faceflash-manifest.json</c> gathers them.
/// </summary>
public sealed record RunRecord(
    string Input,
    long Size,
    string Sha256,
    string FaceflashVersion,
    string ModelsSha256,
    string SettingsSha256,
    string Status,
    string? Reason,
    IReadOnlyList<string> Outputs,
    DateTimeOffset FinishedAt)
{
    public const string Suffix = ".run.json";
    public const string ManifestName = "faceflash-manifest.json";

    public static string PathFor(BatchInput input) => Path.Combine(input.OutputDirectory, input.Stem + Suffix);

    /// <summary>
    /// Size and SHA-256 of a file input, read whole (measured: 0.7 s of CPU and 2.3 s of wall time per GB on the 2-core
    /// build machine, against minutes of analysis; the decoder then reads the file from the page cache): an edit
    /// anywhere in the file is seen. An image folder's is over its images' names and bytes in order, and a printf
    /// pattern's over the images it names. (0, "") for cameras and streams.
    /// </summary>
    public static (long Size, string Sha256) Fingerprint(string source, CancellationToken cancel)
    {
        string[] files = File.Exists(source) ? [source]
            : Vision.Capture.ImageFolder.IsPattern(source) ? Vision.Capture.ImageFolder.Files(source)
            : Vision.Capture.ImageFolder.IsSequence(source) ? Directory.GetFiles(source).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (files.Length == 0) return (0, "");
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 20];
            long size = 0;
            foreach (var file in files)
            {
                if (files.Length > 1) hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\0"));
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
                int n;
                while ((n = stream.Read(buffer)) > 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    hash.AppendData(buffer, 0, n);
                }
                size += stream.Length;
            }
            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, "");
        }
    }

    public static RunRecord? Read(BatchInput input) => File.Exists(PathFor(input)) ? Parse(File.ReadAllText(PathFor(input))) : null;

    /// <summary>
    /// A record, or null for one that is unreadable or lacks a field (edited, or damaged as <c>{}</c>): such a record is
    /// no record, and its input is analysed again. A record without its fields ended the batch as an unexpected failure.
    /// </summary>
    private static RunRecord? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(json, JsonFiles.Options) is { } r
                   && new object?[] { r.Input, r.Sha256, r.FaceflashVersion, r.ModelsSha256, r.SettingsSha256, r.Status, r.Outputs }.All(f => f is not null)
                ? r
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(BatchInput input) => AtomicFile.WriteAllText(PathFor(input), JsonSerializer.Serialize(this, JsonFiles.Options) + "\n");

    /// <summary>
    /// Is this record a finished analysis of exactly these bytes, by exactly this build, models and settings, with its
    /// outputs in place?
    /// </summary>
    public bool Covers(BatchInput input, RunRecord now) =>
        Status == "complete" && Input == now.Input && Size == now.Size && Sha256 == now.Sha256 && FaceflashVersion == now.FaceflashVersion
        && ModelsSha256 == now.ModelsSha256 && SettingsSha256 == now.SettingsSha256 && AllInPlace(input);

    /// <summary>A complete earlier result whose outputs are all in place (what a forced re-run must not lose).</summary>
    public bool IsWhole(BatchInput input) => Status == "complete" && AllInPlace(input);

    /// <summary>Every output the record names is there: a file, or a folder (the aligned faces).</summary>
    private bool AllInPlace(BatchInput input) =>
        Outputs.All(o => Path.Combine(input.OutputDirectory, o) is var path && (File.Exists(path) || Directory.Exists(path)));

    /// <summary>Rewrites the folder's manifest from every run record in it.</summary>
    public static void WriteManifest(string directory)
    {
        var records = Directory.GetFiles(directory, "*" + Suffix).Order(StringComparer.Ordinal)
            .Select(f => Parse(File.ReadAllText(f))).OfType<RunRecord>().ToList();
        AtomicFile.WriteAllText(Path.Combine(directory, ManifestName), JsonSerializer.Serialize(new { runs = records }, JsonFiles.Options) + "\n");
    }
}
