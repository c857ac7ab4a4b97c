using System.Security.Cryptography;
using FaceFlash.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace FaceFlash.Models.Runtime;

/// <summary>
/// The models folder: reads its manifest and opens each model only after its bytes match the manifest's sha256,
/// so a missing, truncated or altered file fails with one clear line instead of wrong numbers.
/// </summary>
public sealed class ModelRepository
{
    public const string EnvironmentVariable = "FACEFLASH_MODELS";

    public ModelRepository(string directory)
    {
        Directory = directory;
        var manifestPath = Path.Combine(directory, ModelManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new ModelLoadException($"no {ModelManifest.FileName} in {directory}: point {EnvironmentVariable} or --models at FaceFlash's models folder");
        Manifest = ModelManifest.Parse(File.ReadAllText(manifestPath), manifestPath);
    }

    public string Directory { get; }
    public ModelManifest Manifest { get; }

    /// <summary>
    /// The models folder beside the program (copied there at build time), unless <see cref="EnvironmentVariable"/>
    /// names another.
    /// </summary>
    public static ModelRepository Default() =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(AppContext.BaseDirectory, "models"));

    /// <summary>Reads a model's bytes and checks them against the manifest.</summary>
    public byte[] ReadVerified(ModelEntry entry)
    {
        var path = Path.Combine(Directory, entry.File);
        if (!File.Exists(path)) throw new ModelLoadException($"model file {path} is missing");
        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelLoadException($"model file {path} has sha256 {actual[..12]}…, but {ModelManifest.FileName} expects {entry.Sha256[..12]}…: the file was altered or is incomplete; regenerate it with the importer");
        return bytes;
    }

    /// <summary>Checks every model the manifest lists, so a broken installation fails before any work starts.</summary>
    public void VerifyAll()
    {
        foreach (var entry in Manifest.Models) ReadVerified(entry);
    }

    /// <summary>Opens a verified session for the named model.</summary>
    public (ModelEntry Entry, InferenceSession Session) Open(string name, OnnxSessionSettings settings)
    {
        var entry = Manifest.Get(name);
        var bytes = ReadVerified(entry);
        using var options = settings.CreateOptions();
        try
        {
            return (entry, new InferenceSession(bytes, options));
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException($"ONNX Runtime cannot load {entry.File}: {e.Message.Split('\n')[0]}");
        }
    }
}
