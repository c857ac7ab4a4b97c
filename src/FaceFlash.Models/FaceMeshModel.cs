using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>FaceMesh on a 192×192 face crop: 468 landmarks (x, y, z in crop pixels) and a face-presence probability.</summary>
public sealed class FaceMeshModel(ModelRepository repository, OnnxSessionSettings settings) : IDisposable
{
    public const int LandmarkCount = 468;
    private readonly ModelRunner _runner = new(repository, "facemesh", settings);

    public int InputSize => (int)_runner.Entry.Inputs[0].Shape[1];
    public Manifest.ModelEntry Entry => _runner.Entry;
    public Span<float> Input => _runner.Input();

    /// <summary>Runs the model; the results stay valid until the next run.</summary>
    public void Run() => _runner.Run();

    /// <summary>468 × (x, y, z) in pixels of the crop.</summary>
    public ReadOnlySpan<float> Mesh => _runner.Output("output_mesh");

    public float FacePresence => _runner.Output("output_faceflag")[0];

    public void Dispose() => _runner.Dispose();
}
