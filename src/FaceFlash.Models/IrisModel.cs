using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>MediaPipe Iris on a 64×64 eye crop (a right eye; mirror a left eye first).</summary>
public sealed class IrisModel(ModelRepository repository, OnnxSessionSettings settings) : IDisposable
{
    public const int ContourPoints = 71;
    public const int IrisPoints = 5;
    private readonly ModelRunner _runner = new(repository, "iris", settings);

    public int InputSize => (int)_runner.Entry.Inputs[0].Shape[1];
    public Manifest.ModelEntry Entry => _runner.Entry;
    public Span<float> Input => _runner.Input();

    public void Run() => _runner.Run();

    /// <summary>71 eye-contour points then 5 iris points (centre first), each x, y, z in crop pixels.</summary>
    public ReadOnlySpan<float> Points => _runner.Output("Identity");

    public void Dispose() => _runner.Dispose();
}
