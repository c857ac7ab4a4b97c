using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Everything that shapes one analysis run; the CLI fills it from its options.</summary>
public sealed record AnalysisSettings
{
    /// <summary>Where outputs go; null writes them next to each input.</summary>
    public string? OutputDirectory { get; init; }

    public PipelineOptions Pipeline { get; init; } = new();
    public FaceAnalyzerOptions Faces { get; init; } = new();
    public OnnxSessionSettings Onnx { get; init; } = new();

    /// <summary>Frame rate assumed for image sequences, which carry no timestamps.</summary>
    public double ImageSequenceFps { get; init; } = 30;
}
