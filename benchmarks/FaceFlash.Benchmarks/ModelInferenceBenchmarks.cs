using BenchmarkDotNet.Attributes;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;

namespace FaceFlash.Benchmarks;

/// <summary>
/// One inference of each model, one intra-op thread (the pipeline's setting), on a real face crop's worth of
/// input. Targets on the 2-core CI machine: FaceMesh ≤ 5 ms, BlazeFace-128 ≤ 1.5 ms (medians).
/// </summary>
[MemoryDiagnoser]
public class ModelInferenceBenchmarks
{
    private BlazeFaceModel _blazeFace128 = null!;
    private BlazeFaceModel _blazeFace256 = null!;
    private FaceMeshModel _faceMesh = null!;
    private FaceMeshModel _faceMeshV2 = null!;
    private BlendshapeModel _blendshapes = null!;
    private IrisModel _iris = null!;
    private EmotionModel _emotion = null!;

    [GlobalSetup]
    public void Setup()
    {
        var models = ModelRepository.Default();
        var settings = new OnnxSessionSettings(IntraOpThreads: 1);
        _blazeFace128 = new BlazeFaceModel(models, settings, "blazeface-front-128");
        _blazeFace256 = new BlazeFaceModel(models, settings, "blazeface-back-256");
        _faceMesh = new FaceMeshModel(models, settings, FaceMeshVariant.Original);
        _faceMeshV2 = new FaceMeshModel(models, settings, FaceMeshVariant.V2);
        _blendshapes = new BlendshapeModel(models, settings);
        _iris = new IrisModel(models, settings);
        _emotion = new EmotionModel(models, settings);
        var random = new Random(7);
        Fill(_blazeFace128.Input, random);
        Fill(_blazeFace256.Input, random);
        Fill(_faceMesh.Input, random);
        Fill(_faceMeshV2.Input, random);
        Fill(_blendshapes.Input, random);
        Fill(_iris.Input, random);
        Fill(_emotion.Input, random);
    }

    private static void Fill(Span<float> input, Random random)
    {
        for (var i = 0; i < input.Length; i++) input[i] = (float)random.NextDouble();
    }

    [Benchmark]
    public int BlazeFace128() => _blazeFace128.Detect().Count;

    [Benchmark]
    public int BlazeFace256() => _blazeFace256.Detect().Count;

    [Benchmark]
    public float FaceMesh()
    {
        _faceMesh.Run();
        return _faceMesh.FacePresence;
    }

    [Benchmark]
    public float FaceMeshV2()
    {
        _faceMeshV2.Run();
        return _faceMeshV2.FacePresence;
    }

    [Benchmark]
    public float Blendshapes() => _blendshapes.Run()[0];

    [Benchmark]
    public float Iris()
    {
        _iris.Run();
        return _iris.Points[0];
    }

    [Benchmark]
    public float Emotion() => _emotion.Run()[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        _blazeFace128.Dispose();
        _blazeFace256.Dispose();
        _faceMesh.Dispose();
        _faceMeshV2.Dispose();
        _blendshapes.Dispose();
        _iris.Dispose();
        _emotion.Dispose();
    }
}
