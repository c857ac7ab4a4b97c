using System.Numerics;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;
using FaceFlash.Core.Scoring;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// Makes one labelled clip, <c>&lt;stem&gt;.avi</c> (MJPG) with its ground truth <c>&lt;stem&gt;.truth.json</c>: either a
/// still portrait brought to life, or a real video with expressions and blinks added to the face it shows.
/// </summary>
public static class SynthJob
{
    public const string VideoExtension = ".avi";

    public static GroundTruth Make(string portraitPath, string outDir, string stem, SynthOptions options, ModelRepository models, string generator)
    {
        using var portrait = Cv2.ImRead(portraitPath, ImreadModes.Color);
        // Bad input, not a bad command line: exit code 1, as for a video that cannot be read.
        if (portrait.Empty()) throw new Vision.Capture.SourceException($"{portraitPath} is not an image OpenCV can read");
        var landmarks = LocateLandmarks(portrait, models) ?? throw new Vision.Capture.SourceException($"{portraitPath}: no face found in the portrait");
        var random = new Random(options.Seed);
        var script = ExpressionScript.Generate(options, random);
        using var animator = new PortraitAnimator(portrait, landmarks, options, script, random);
        var frames = (int)Math.Round(options.DurationS * options.Fps);
        var video = WriteVideo(outDir, stem, options, options.Fps, new Size(options.Width, options.Height), frames, (i, frame) =>
        {
            animator.Render(i * 1000.0 / options.Fps, frame);
            return true;
        });
        // A still portrait blinks only when the script says so: its truth lists every blink.
        return WriteTruth(outDir, stem, video, options, generator, animator.EyeDistancePx, script, blinksComplete: true);
    }

    /// <summary>
    /// Adds the script to a real video: each frame's face is tracked and warped around its own landmarks, so the
    /// person's natural motion stays. Only the injected events are in the ground truth (the person's own blinks and
    /// expressions are not labelled). Frames without a tracked face are copied unchanged, so a scripted expression or
    /// blink that falls wholly on such frames was never injected and is left out of the ground truth (the handheld
    /// selfie, its face out of view for a third of the time, had four such expressions in its three held-out clips).
    /// </summary>
    public static GroundTruth Overlay(string sourceVideo, string outDir, string stem, SynthOptions options, ModelRepository models, string generator)
    {
        using var source = VideoSource.Open(sourceVideo);
        var fps = source.NominalFps > 0 ? source.NominalFps : options.Fps;
        var available = source.FrameCount is { } n ? n / fps : options.DurationS;
        var timed = options with { Fps = fps, DurationS = Math.Min(options.DurationS, available) };
        var random = new Random(options.Seed);
        var script = ExpressionScript.Generate(timed, random);
        using var warper = options.WarperFor(script);
        using var noise = new SensorNoise(options.NoiseSigma, options.Seed);
        using var analyzer = new FaceAnalyzer(models, new OnnxSessionSettings(), new FaceAnalyzerOptions());
        var pool = new Pool<FaceObservation>(() => new FaceObservation());
        var faces = new List<FaceObservation>();
        using var input = new Mat();
        var eyeDistances = new List<double>();
        var withFaceMs = new List<double>();
        var frames = (int)Math.Round(timed.DurationS * fps);
        var video = WriteVideo(outDir, stem, options, fps, new Size(source.Width, source.Height), frames, (i, frame) =>
        {
            if (source.Read(input) is null) return false;
            faces.ForEach(pool.Return);
            faces.Clear();
            var ms = i * 1000.0 / fps;
            analyzer.Analyze(input, ms, pool, faces);
            var face = faces.FirstOrDefault(f => f.Success);
            if (face is null || !warper.Warp(input, FaceWarper.Anchors.From(face.Landmarks), ms, 1, frame)) input.CopyTo(frame);
            if (face is not null)
            {
                eyeDistances.Add(FaceWarper.Anchors.From(face.Landmarks).EyeDistance);
                withFaceMs.Add(ms);
            }
            noise.Apply(frame);
            return true;
        }, refusal: () => withFaceMs.Count == 0 ? $"{sourceVideo}: no face was tracked in any frame, so nothing could be added to it" : null);
        bool Injected(double onsetMs, double offsetMs) => withFaceMs.Exists(ms => ms >= onsetMs && ms <= offsetMs);
        var injected = new ExpressionScript([.. script.Events.Where(e => Injected(e.Truth.OnsetMs, e.Truth.OffsetMs))],
            [.. script.Blinks.Where(b => Injected(b.OnsetMs, b.OffsetMs))]);
        var notInjected = script.Events.Count - injected.Events.Count + script.Blinks.Count - injected.Blinks.Count;
        return WriteTruth(outDir, stem, video, timed, generator, eyeDistances.Count > 0 ? eyeDistances.Average() : 0, injected, notInjected);
    }

    /// <summary>
    /// Writes frames under a temporary name and renames the file when complete; returns its path. With
    /// <see cref="SynthOptions.H264Crf"/> the MJPG clip is then re-encoded by FFmpeg as H.264 into <c>&lt;stem&gt;.mp4</c>,
    /// as cameras and phones deliver video (OpenCV's own writer has no H.264).
    /// </summary>
    /// <param name="refusal">Asked once every frame is written: a reason not to keep the clip (nothing under its name
    /// is then replaced, and the reason is thrown as bad input), or null.</param>
    private static string WriteVideo(string outDir, string stem, SynthOptions options, double fps, Size size, int frames, Func<int, Mat, bool> render,
        Func<string?>? refusal = null)
    {
        var mjpg = WriteMjpg(outDir, stem, fps, size, frames, render, refusal);
        return options.H264Crf is { } crf ? H264.Encode(mjpg, Path.Combine(outDir, stem + ".mp4"), crf) : mjpg;
    }

    private static string WriteMjpg(string outDir, string stem, double fps, Size size, int frames, Func<int, Mat, bool> render, Func<string?>? refusal)
    {
        Directory.CreateDirectory(outDir);
        var video = Path.Combine(outDir, stem + VideoExtension);
        var partial = video + AtomicFile.PartialSuffix + VideoExtension; // OpenCV picks the container from the extension
        using (var writer = new VideoWriter(partial, FourCC.MJPG, fps, size))
        {
            if (!writer.IsOpened()) throw new IOException($"cannot write {partial}");
            writer.Set(VideoWriterProperties.Quality, 95);
            using var frame = new Mat();
            for (var i = 0; i < frames && render(i, frame); i++) writer.Write(frame);
        }
        if (refusal?.Invoke() is { } reason)
        {
            File.Delete(partial);
            throw new Vision.Capture.SourceException(reason);
        }
        File.Move(partial, video, overwrite: true);
        return video;
    }

    private static GroundTruth WriteTruth(string outDir, string stem, string video, SynthOptions options, string generator, double eyeDistancePx,
        ExpressionScript script, int notInjected = 0, bool blinksComplete = false)
    {
        var truth = new GroundTruth
        {
            Video = Path.GetFileName(video),
            Fps = options.Fps,
            DurationMs = options.DurationS * 1000,
            Generator = generator,
            Seed = options.Seed,
            EyeDistancePx = Math.Round(eyeDistancePx, 1),
            Events = script.Events.Select(e => e.Truth).ToList(),
            Blinks = script.Blinks,
            BlinksComplete = blinksComplete,
            NotInjected = notInjected,
        };
        AtomicFile.WriteAllText(Path.Combine(outDir, stem + GroundTruth.FileSuffix), truth.ToJson());
        return truth;
    }

    /// <summary>FaceMesh on the still, a few passes so the tracker's crop settles on the face; null when it finds none.</summary>
    public static Vector3[]? LocateLandmarks(Mat portrait, ModelRepository models)
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
        return face?.Landmarks.ToArray();
    }
}
