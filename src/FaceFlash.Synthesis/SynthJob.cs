using System.Numerics;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>Makes one labelled clip: <c>&lt;stem&gt;.avi</c> (MJPG) and its ground truth <c>&lt;stem&gt;.truth.json</c>.</summary>
public static class SynthJob
{
    public const string TruthSuffix = ".truth.json";
    public const string VideoExtension = ".avi";

    public static GroundTruth Make(string portraitPath, string outDir, string stem, SynthOptions options, ModelRepository models, string generator)
    {
        using var portrait = Cv2.ImRead(portraitPath, ImreadModes.Color);
        if (portrait.Empty()) throw new ArgumentException($"{portraitPath} is not an image OpenCV can read");
        var landmarks = LocateLandmarks(portrait, models);
        var random = new Random(options.Seed);
        var script = ExpressionScript.Generate(options, random);
        using var animator = new PortraitAnimator(portrait, landmarks, options, script, random);

        Directory.CreateDirectory(outDir);
        var video = Path.Combine(outDir, stem + VideoExtension);
        var partial = video + AtomicFile.PartialSuffix + VideoExtension; // OpenCV picks the container from the extension
        using (var writer = new VideoWriter(partial, FourCC.MJPG, options.Fps, new Size(options.Width, options.Height)))
        {
            if (!writer.IsOpened()) throw new IOException($"cannot write {partial}");
            writer.Set(VideoWriterProperties.Quality, 95);
            using var frame = new Mat();
            var frames = (int)Math.Round(options.DurationS * options.Fps);
            for (var i = 0; i < frames; i++)
            {
                animator.Render(i * 1000.0 / options.Fps, frame);
                writer.Write(frame);
            }
        }
        File.Move(partial, video, overwrite: true);

        var truth = new GroundTruth
        {
            Video = Path.GetFileName(video),
            Fps = options.Fps,
            DurationMs = options.DurationS * 1000,
            Generator = generator,
            Seed = options.Seed,
            EyeDistancePx = Math.Round(animator.EyeDistancePx, 1),
            Events = script.Events.Select(e => e.Truth).ToList(),
            Blinks = script.Blinks,
        };
        AtomicFile.WriteAllText(Path.Combine(outDir, stem + TruthSuffix), truth.ToJson());
        return truth;
    }

    /// <summary>FaceMesh on the still, a few passes so the tracker's crop settles on the face.</summary>
    public static Vector3[] LocateLandmarks(Mat portrait, ModelRepository models)
    {
        using var analyzer = new FaceAnalyzer(models, new OnnxSessionSettings(), new FaceAnalyzerOptions());
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var faces = new List<FaceObservation>();
        FaceObservation? face = null;
        for (var pass = 0; pass < 5; pass++)
        {
            foreach (var f in faces) pool.Return(f);
            faces.Clear();
            analyzer.Analyze(portrait, pass * 40, pool, faces);
            face = faces.FirstOrDefault(f => f.Success);
        }
        return face?.Landmarks.ToArray() ?? throw new ArgumentException("no face found in the portrait");
    }
}
