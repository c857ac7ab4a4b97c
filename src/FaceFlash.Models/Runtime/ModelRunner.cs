using FaceFlash.Models.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace FaceFlash.Models.Runtime;

/// <summary>
/// Owns one session and batch-1 input and output buffers that ONNX Runtime reads and writes in place, so a run
/// allocates no tensors: callers fill <see cref="Input"/> and read <see cref="Output"/>.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new() { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly OrtValue[] _inputValues;
    private readonly OrtValue[] _outputValues;
    private readonly string[] _outputNames;

    // Inputs and outputs are bound to the buffers once; a run then passes no names and allocates nothing.
    private readonly OrtIoBinding _binding;

    public ModelRunner(ModelRepository repository, string modelName, OnnxSessionSettings settings)
    {
        (Entry, _session) = repository.Open(modelName, settings);
        _outputNames = Entry.Outputs.Select(o => o.Name).ToArray();
        (_inputs, _inputValues) = Allocate(Entry.Inputs);
        (_outputs, _outputValues) = Allocate(Entry.Outputs);
        _binding = _session.CreateIoBinding();
        for (var i = 0; i < _inputValues.Length; i++) _binding.BindInput(Entry.Inputs[i].Name, _inputValues[i]);
        for (var i = 0; i < _outputValues.Length; i++) _binding.BindOutput(_outputNames[i], _outputValues[i]);
    }

    public ModelEntry Entry { get; }

    public Span<float> Input(int index = 0) => _inputs[index];

    public ReadOnlySpan<float> Output(string name) => _outputs[Array.IndexOf(_outputNames, name) is var i and >= 0
        ? i
        : throw new ArgumentException($"{Entry.Name} has no output '{name}'")];

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    private static (float[][], OrtValue[]) Allocate(IReadOnlyList<TensorSpec> specs)
    {
        var arrays = new float[specs.Count][];
        var values = new OrtValue[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            var shape = specs[i].Shape.Select(d => d < 0 ? 1 : d).ToArray();
            arrays[i] = new float[shape.Aggregate(1L, (a, b) => a * b)];
            values[i] = OrtValue.CreateTensorValueFromMemory(arrays[i], shape);
        }
        return (arrays, values);
    }

    public void Dispose()
    {
        _binding.Dispose();
        foreach (var v in _inputValues.Concat(_outputValues)) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
