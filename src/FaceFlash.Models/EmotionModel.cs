using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>The mini-Xception expression classifier on a 64×64 grey face; probabilities in the manifest's label order.</summary>
public sealed class EmotionModel(ModelRepository repository, OnnxSessionSettings settings) : IDisposable
{
    private readonly ModelRunner _runner = new(repository, "emotion", settings);

    public int InputSize => (int)_runner.Entry.Inputs[0].Shape[1];
    public Manifest.ModelEntry Entry => _runner.Entry;
    public IReadOnlyList<string> Labels => _runner.Entry.Labels ?? throw new InvalidOperationException("emotion model has no labels");
    public Span<float> Input => _runner.Input();

    public ReadOnlySpan<float> Run()
    {
        _runner.Run();
        return _runner.Output("Identity");
    }

    public void Dispose() => _runner.Dispose();
}
