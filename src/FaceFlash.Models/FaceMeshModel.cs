using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>
/// The two FaceMesh models FaceFlash ships and how their outputs are named: the original (192 crop, presence as a
/// probability) and Face Mesh V2 from MediaPipe's Face Landmarker (256 crop, presence as a logit; its 478 points begin
/// with the same 468).
/// </summary>
public sealed record FaceMeshVariant(string ModelName, string MeshOutput, string PresenceOutput, bool PresenceIsLogit)
{
    public static readonly FaceMeshVariant Original = new("facemesh", "output_mesh", "output_faceflag", PresenceIsLogit: false);
    public static readonly FaceMeshVariant V2 = new("facemesh-v2", "Identity", "Identity_1", PresenceIsLogit: true);

    public static readonly IReadOnlyList<FaceMeshVariant> All = [Original, V2];

    public static FaceMeshVariant Named(string name) =>
        All.FirstOrDefault(v => v.ModelName == name) ?? throw new ArgumentException($"'{name}' is not a FaceMesh model FaceFlash knows");
}

/// <summary>FaceMesh on a square face crop: 468 landmarks (x, y, z in crop pixels) and a face-presence probability.</summary>
public sealed class FaceMeshModel(ModelRepository repository, OnnxSessionSettings settings, FaceMeshVariant variant) : IDisposable
{
    public const int LandmarkCount = 468;
    private readonly ModelRunner _runner = new(repository, variant.ModelName, settings);

    public int InputSize => (int)_runner.Entry.Inputs[0].Shape[1];
    public Manifest.ModelEntry Entry => _runner.Entry;
    public Span<float> Input => _runner.Input();

    /// <summary>Runs the model; the results stay valid until the next run.</summary>
    public void Run() => _runner.Run();

    /// <summary>468 × (x, y, z) in pixels of the crop.</summary>
    public ReadOnlySpan<float> Mesh => _runner.Output(variant.MeshOutput)[..(3 * LandmarkCount)];

    public float FacePresence
    {
        get
        {
            var presence = _runner.Output(variant.PresenceOutput)[0];
            return variant.PresenceIsLogit ? 1 / (1 + MathF.Exp(-presence)) : presence;
        }
    }

    public void Dispose() => _runner.Dispose();
}
