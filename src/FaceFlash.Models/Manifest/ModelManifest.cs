using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceFlash.Models.Manifest;

/// <summary>
/// The contents of <c>models/models.json</c>: every network FaceFlash runs, where it came from and how to feed it.
/// The importer writes it; the runtime reads it and checks each file's hash before loading.
/// </summary>
public sealed record ModelManifest(int SchemaVersion, IReadOnlyList<ModelEntry> Models)
{
    public const string FileName = "models.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public ModelEntry Get(string name) =>
        Models.FirstOrDefault(m => m.Name == name)
        ?? throw new ModelLoadException($"model '{name}' is not listed in {FileName}");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>Each model's SHA-256 by its name, as summaries record which models a run used (a method: the manifest's JSON is its records alone).</summary>
    public IReadOnlyDictionary<string, string> Hashes() => Models.ToDictionary(m => m.Name, m => m.Sha256);

    public static ModelManifest Parse(string json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(json, JsonOptions)
                   ?? throw new ModelLoadException($"{origin} is empty");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{origin} is not a valid model manifest: {e.Message}");
        }
    }
}

public enum ModelKind { FaceDetector, FaceLandmarks, Iris, Emotion, ActionUnits, Blendshapes }

/// <summary>One ONNX file and everything needed to reproduce, verify and feed it.</summary>
public sealed record ModelEntry(
    string Name,
    ModelKind Kind,
    string File,
    string Sha256,
    ModelSource Source,
    IReadOnlyList<TensorSpec> Inputs,
    IReadOnlyList<TensorSpec> Outputs,
    Normalisation Normalisation,
    IReadOnlyList<string>? Labels = null,
    string? Notes = null);

/// <summary>Upstream package and the path of the original weights inside it.</summary>
public sealed record ModelSource(string Package, string Version, string Path, string Licence, string? Origin = null);

/// <summary>A graph input or output. A negative dimension is the batch size, chosen at run time.</summary>
public sealed record TensorSpec(string Name, IReadOnlyList<long> Shape, string ElementType, string? Layout = null, string? Description = null);

/// <summary>
/// How pixels become the network input: each 8-bit channel value <c>p</c> (0–255) is fed as
/// <c>p * Scale + Offset</c>, in the given channel order (RGB, or Grey as ITU-R BT.601 luma).
/// </summary>
public sealed record Normalisation(string Channels, float Scale, float Offset, string Description);
