using BenchmarkDotNet.Attributes;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Tracking;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Benchmarks;

/// <summary>
/// Each pipeline stage alone, on frames of a 640×480 clip of the committed portrait (made with ffmpeg on first use):
/// decode, detection, landmarks (FaceMesh on every frame; carried by flow; as scheduled), AU motion, and the
/// segmenter on an AU stream.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private readonly List<Mat> _frames = [];
    private VideoSource _source = null!;
    private Mat _decoded = null!;
    private FaceDetector _detector = null!;
    private BlazeFaceModel _blazeFace = null!;
    private FaceAnalyzer _analyzer = null!;
    private FaceAnalyzer _meshEveryFrame = null!;
    private LandmarkPropagator _propagator = null!;
    private readonly TrackingPolicy _carryOnly = new() { LandmarkRefreshMs = double.MaxValue, MaxLandmarkDeparture = float.MaxValue };
    private MotionActionUnitEstimator _motion = null!;
    private ExpressionSegmenter _segmenter = null!;
    private readonly Pool<FaceObservation> _pool = new(() => new FaceObservation());
    private readonly List<FaceObservation> _faces = [];
    private readonly float[] _intensities = new float[ActionUnitInfo.Count];
    private readonly SegmenterOutput _segmented = new();
    private FaceObservation _face = null!;
    private int _next;
    private double _ms;

    [GlobalSetup]
    public void Setup()
    {
        var clip = BenchClip.Path();
        _source = VideoSource.Open(clip);
        _decoded = new Mat();
        using (var reader = VideoSource.Open(clip))
        {
            for (var i = 0; i < 60; i++)
            {
                var m = new Mat();
                if (reader.Read(m) is null) break;
                _frames.Add(m);
            }
        }
        var models = ModelRepository.Default();
        var settings = new OnnxSessionSettings();
        _blazeFace = new BlazeFaceModel(models, settings);
        _detector = new FaceDetector(_blazeFace);
        _analyzer = new FaceAnalyzer(models, settings, new FaceAnalyzerOptions());
        _meshEveryFrame = new FaceAnalyzer(models, settings, new FaceAnalyzerOptions { Tracking = new TrackingPolicy { LandmarkRefreshMs = 0 } });
        _propagator = new LandmarkPropagator();
        _motion = new MotionActionUnitEstimator();
        _segmenter = new ExpressionSegmenter(0, new SegmenterOptions(), new EmotionLabeler(), []);
        _analyzer.Analyze(_frames[0], 0, _pool, _faces);
        _face = _faces.Single(f => f.Success);
        // A face's first keyframe is provisional (its FaceMesh ran on a detector crop); the second is carried from.
        for (var i = 0; i < 2; i++) _propagator.Remember(_face.FaceId, _frames[0], _face.Region, _face.Landmarks, _face.Confidence, 0);
        _meshEveryFrame.Analyze(_frames[0], 0, _pool, []);
    }

    private Mat NextFrame() => _frames[_next++ % _frames.Count];

    [Benchmark(Description = "decode one frame (H.264 640x480)")]
    public bool Decode()
    {
        if (_source.Read(_decoded) is not null) return true;
        _source.Dispose();
        _source = VideoSource.Open(BenchClip.Path());
        return _source.Read(_decoded) is not null;
    }

    [Benchmark(Description = "detect faces (BlazeFace 128, letterbox, NMS)")]
    public int Detect() => _detector.Detect(NextFrame()).Count;

    [Benchmark(Description = "faces stage, FaceMesh on every frame (crop, FaceMesh, pose)")]
    public int MeshEveryFrame() => Track(_meshEveryFrame);

    [Benchmark(Description = "faces stage as scheduled at 30 fps (FaceMesh at most 200 ms apart, flow between)")]
    public int Scheduled() => Track(_analyzer);

    [Benchmark(Description = "landmarks carried by flow (29 probes, rigid fit)")]
    public bool Carry() => _propagator.TryCarry(_face.FaceId, NextFrame(), 1, _carryOnly, _face.Landmarks, out _);

    private int Track(FaceAnalyzer analyzer)
    {
        foreach (var f in _faces) _pool.Return(f);
        _faces.Clear();
        _ms += 33.3;
        analyzer.Analyze(NextFrame(), _ms, _pool, _faces);
        return _faces.Count;
    }

    [Benchmark(Description = "AU motion (optical flow, rigid fit, NNLS)")]
    public EstimateKind Motion()
    {
        var frame = NextFrame();
        _motion.BeginFrame(frame, _next, _next * 33.3);
        return _motion.Estimate(frame, _face, _intensities);
    }

    [Benchmark(Description = "segmenter, one face sample")]
    public int Segment()
    {
        _ms += 5;
        var phase = _ms % 3000;
        _intensities[(int)ActionUnit.AU12] = phase is > 1000 and < 1150 ? 2 : 0.1f;
        _segmenter.Add(new FaceSample(_ms, _next++, _intensities, ActionUnitSet.All, 0, 0, new System.Numerics.Vector2(320, 200), 90, []), _segmented);
        return _segmented.Events.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var m in _frames) m.Dispose();
        _source.Dispose();
        _decoded.Dispose();
        _detector.Dispose();
        _blazeFace.Dispose();
        _analyzer.Dispose();
        _meshEveryFrame.Dispose();
        _propagator.Dispose();
        _motion.Dispose();
    }
}

/// <summary>The benchmark clip: 20 s of the portrait at 640×480, 30 fps, H.264, made once with ffmpeg.</summary>
public static class BenchClip
{
    public static string Path()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "faceflash-bench-640x480.mp4");
        if (File.Exists(path)) return path;
        var portrait = System.IO.Path.Combine(AppContext.BaseDirectory, "media", "astronaut.png");
        var psi = new System.Diagnostics.ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-y", "-loop", "1", "-i", portrait, "-t", "20", "-r", "30",
            "-vf", "scale=1280:1280,crop=1280:960:0:0,zoompan=z='1.3+0.05*sin(2*PI*on/120)':x='iw/2-(iw/zoom/2)-120+20*sin(2*PI*on/90)':y='ih/2-(ih/zoom/2)-160':d=1:s=640x480:fps=30",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", path]);
        using var ffmpeg = System.Diagnostics.Process.Start(psi)!;
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not make the benchmark clip");
        return path;
    }
}
