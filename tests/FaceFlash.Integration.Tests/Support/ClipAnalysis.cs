using FaceFlash.Core.Collections;
using FaceFlash.Core.Detection;
using FaceFlash.Core.Faces;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>One analysed frame: copies of the tracked faces, and optionally what the detector alone finds.</summary>
public sealed record AnalysedFrame(long Index, double TimestampMs, IReadOnlyList<FaceObservation> Faces, IReadOnlyList<FaceDetection>? Detections)
{
    public FaceObservation? Tracked => Faces.FirstOrDefault(f => f.Success);
}

/// <summary>Runs the face layer over a whole clip in-process, frame by frame.</summary>
public static class ClipAnalysis
{
    public static ModelRepository Models { get; } = new(TestPaths.Models);

    /// <param name="onAnalyzer">sees the analyser after the last frame (for its counters)</param>
    public static List<AnalysedFrame> Run(string video, bool detectEveryFrame = false, FaceAnalyzerOptions? options = null, Action<FaceAnalyzer>? onAnalyzer = null)
    {
        var settings = new OnnxSessionSettings();
        using var source = VideoSource.Open(video);
        using var analyzer = new FaceAnalyzer(Models, settings, options ?? new FaceAnalyzerOptions());
        using var blazeFace = detectEveryFrame ? new BlazeFaceModel(Models, settings) : null;
        using var detector = blazeFace is null ? null : new FaceDetector(blazeFace);
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var frames = new List<AnalysedFrame>();
        using var image = new Mat();
        var faces = new List<FaceObservation>();
        for (long index = 0; source.Read(image) is { } envelope; index++)
        {
            var timestamp = envelope.OriginatingTimeMs;
            analyzer.Analyze(image, timestamp, pool, faces);
            var copies = faces.Select(f =>
            {
                var copy = new FaceObservation();
                f.CopyTo(copy);
                return copy;
            }).ToList();
            frames.Add(new AnalysedFrame(index, timestamp, copies, detector?.Detect(image)));
            foreach (var f in faces) pool.Return(f);
            faces.Clear();
        }
        onAnalyzer?.Invoke(analyzer);
        return frames;
    }
}
