using FaceFlash.Core.Detection;
using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>BlazeFace on a square, letterboxed, normalised input; faces come out in [0, 1] of that input.</summary>
public sealed class BlazeFaceModel : IDisposable
{
    private readonly ModelRunner _runner;
    private readonly BlazeFaceDecoder _decoder;

    public BlazeFaceModel(ModelRepository repository, OnnxSessionSettings settings, string name = "blazeface-front-128", float scoreThreshold = 0.5f)
    {
        _runner = new ModelRunner(repository, name, settings);
        InputSize = (int)_runner.Entry.Inputs[0].Shape[1];
        _decoder = new BlazeFaceDecoder(InputSize, scoreThreshold);
    }

    public int InputSize { get; }
    public Manifest.ModelEntry Entry => _runner.Entry;

    /// <summary>NHWC RGB, normalised as the manifest says; fill before <see cref="Detect"/>.</summary>
    public Span<float> Input => _runner.Input();

    public List<FaceDetection> Detect()
    {
        _runner.Run();
        return _decoder.Decode(_runner.Output("Identity:0"), _runner.Output("Identity_2:0"),
            _runner.Output("Identity_1:0"), _runner.Output("Identity_3:0"));
    }

    public void Dispose() => _runner.Dispose();
}
