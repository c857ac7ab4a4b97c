using BenchmarkDotNet.Attributes;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Jobs;

namespace FaceFlash.Benchmarks;

/// <summary>The whole pipeline (capture → faces → action units → outputs) on the 20 s benchmark clip.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private string _clip = null!;
    private string _out = null!;
    private ModelRepository _models = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clip = BenchClip.Path();
        _out = Directory.CreateTempSubdirectory("faceflash-bench-out-").FullName;
        _models = ModelRepository.Default();
    }

    [Benchmark(Description = "analyze 600 frames (640x480, one face)")]
    public async Task<double> Analyze() =>
        (await VideoAnalysisJob.RunAsync(_clip, new OutputPaths(_out, "bench"), _models, new AnalysisSettings(), null, null, CancellationToken.None))!.ThroughputFps;

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_out, recursive: true);
}
