using System.Globalization;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

namespace FaceFlash.Reports;

/// <summary>
/// <c>&lt;stem&gt;.tracked.avi</c>, as OpenFace's tracked video: the analysed input's frames with what FaceFlash found
/// drawn on them as the live view draws it — each face's box (its landmarks' bounds) and id, the mesh, the strongest
/// AUs, a scrolling timeline of AU01, AU04, AU12 and AU45 with the events as spans — read back from the results, so
/// each event is shown from its onset (its banner, the live view's, for 1.5 s) rather than from when it was flagged.
/// Every frame between the first and the last the frames CSV holds is drawn; a frame the analysis did not process (one
/// a live session dropped) is drawn plain and says so. Where <c>faceflash eval</c> scored the video, the top line's
/// right end names each coded expression while it lasts, green where FaceFlash found it and red where it missed it.
/// Motion-JPEG at the rate the input declares, frame for frame.
/// </summary>
public static class TrackedVideo
{
    /// <summary>Less than any two frames are apart (1 ms at 1000 fps), more than the events file's rounding.</summary>
    private const double TimeRoundingMs = 0.5;

    /// <summary>How often, in frames, <see cref="Write"/> says how far it got.</summary>
    private const int ProgressEvery = 25;

    /// <summary>The width of the coded expression's mark at the top line's right end.</summary>
    public const int CodedMarkWidth = 200;

    /// <summary>
    /// The tracked video in <paramref name="outputDirectory"/> when it was written after the results it draws and the
    /// input it draws on: drawing it again would give the same frames (a batch re-run with <c>analyze --tracked</c>
    /// skips its analysed videos, and should not spend seconds a video redrawing them).
    /// </summary>
    public static string? Current(ResultSet r, string input, string outputDirectory, VideoCoding? coding = null)
    {
        var path = PathIn(outputDirectory, r);
        if (!File.Exists(path)) return null;
        var drawn = File.GetLastWriteTimeUtc(path);
        string[] sources = [r.PathOf("frames.csv"), r.PathOf("events.csv"), input];
        return sources.All(source => (File.Exists(source) || Directory.Exists(source)) && File.GetLastWriteTimeUtc(source) < drawn)
               && (coding is null || coding.ScoredAtUtc < drawn) ? path : null;
    }

    /// <param name="input">The analysed video, image folder or raw recording (its frames numbered as the analysis read them).</param>
    /// <param name="progress">told the frames drawn so far, and once how many the input holds (when it says)</param>
    /// <param name="coding">the video's coding as eval scored it, if it did: its expressions are named while they last</param>
    /// <returns>The written file's path.</returns>
    /// <exception cref="SourceException">the input cannot be read</exception>
    /// <exception cref="IOException">the video could not be written in full (a full disk): nothing is left under its name</exception>
    public static string Write(ResultSet r, string input, string outputDirectory, IProgress<(long Drawn, long? Total)>? progress = null,
        VideoCoding? coding = null)
    {
        var sequenceFps = r.SummaryNumber("fps_nominal") ?? 30;
        using var source = VideoSource.Open(input, sequenceFps, captureFps: r.SummaryNumber("fps_capture"));
        // A --video that names another video than the one analysed would have the faces drawn where they are not.
        if (r.SummaryNumber("width") is { } width && r.SummaryNumber("height") is { } height && (source.Width != (int)width || source.Height != (int)height))
            throw new SourceException($"{input} is {source.Width}x{source.Height}, but the analysis read {width}x{height} frames: not the video analysed");
        using var rows = new FramesCsvFaces(r.PathOf("frames.csv"));
        if (!rows.Next()) throw new FormatException($"{r.Stem}.frames.csv holds no frames");
        var overlay = new LiveOverlay { ShowMesh = rows.HasLandmarks };
        var events = new Queue<ExpressionEvent>(r.Events.OrderBy(e => e.OnsetMs).Select(AsEvent));

        var path = PathIn(outputDirectory, r);
        var partial = path + AtomicFile.PartialSuffix + ".avi"; // OpenCV picks the container from the extension
        var (area, _) = LiveOverlay.Layout(source.Width, source.Height);
        var size = new Size(area.Width, LiveOverlay.HudHeight + area.Height + LiveOverlay.TimelineHeight);
        var (written, lastDrawn) = (0, 0L);
        try
        {
            using (var writer = new VideoWriter(partial, FourCC.MJPG, source.NominalFps > 0 ? source.NominalFps : sequenceFps, size))
            using (var frame = new Mat())
            using (var canvas = new Mat())
            {
                if (!writer.IsOpened()) throw new IOException($"cannot write {partial}");
                writer.Set(VideoWriterProperties.Quality, 90);
                var more = true;
                while (source.Read(frame) is { } envelope)
                {
                    var number = envelope.Index + 1;
                    if (number < rows.Frame && written == 0) continue; // before the analysed part (analyze --from)
                    while (more && rows.Frame < number) more = rows.Next();
                    if (rows.Frame < number) break; // past the analysed part (analyze --to)
                    var processed = rows.Frame == number;
                    var ms = processed ? rows.TimestampMs : envelope.OriginatingTimeMs;
                    // The events file gives times to 0.1 ms, the frames file to 1 µs: 6166.7 is the frame at 6166.667.
                    while (events.Count > 0 && events.Peek().OnsetMs <= ms + TimeRoundingMs) overlay.Flag(events.Dequeue(), ms);
                    var hud = string.Create(CultureInfo.InvariantCulture, $"{r.Stem} | frame {number} | {ms / 1000:0.000} s{(processed ? "" : " | not analysed")}");
                    overlay.Draw(frame, canvas, processed ? rows.Faces : [], ms, ms, hud, null);
                    if (coding?.Coded.FirstOrDefault(c => c.OnsetMs <= ms + TimeRoundingMs && ms - TimeRoundingMs <= c.OffsetMs) is { } coded) MarkCoded(canvas, coded);
                    writer.Write(canvas);
                    lastDrawn = number;
                    if (++written % ProgressEvery == 0) progress?.Report((written, source.FrameCount));
                }
            }
            if (rows.Frame > lastDrawn || rows.HasMore)
                throw new SourceException($"{input} ends at frame {lastDrawn}, before the frames the analysis wrote: not the video analysed, or cut since");
            // OpenCV's writer says nothing when the disk fills: the file is trusted only when it holds every frame.
            using (var check = new VideoCapture(partial))
                if (!check.IsOpened() || (int)check.Get(VideoCaptureProperties.FrameCount) != written)
                    throw new IOException($"{path} could not be written in full (is the disk full?)");
            File.Move(partial, path, overwrite: true);
            return path;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>Names a coded expression at the top line's right end, over a mark of the colour <c>eval.png</c> gives its outcome.</summary>
    private static void MarkCoded(Mat canvas, CodedExpression coded)
    {
        var colour = coded.Found ? SpottingPlot.MatchedColour : SpottingPlot.MissedColour;
        var mark = new Rect(canvas.Width - CodedMarkWidth, 0, CodedMarkWidth, LiveOverlay.HudHeight);
        Cv2.Rectangle(canvas, mark, new Scalar(colour.B, colour.G, colour.R), -1);
        Cv2.PutText(canvas, $"coded {coded.Kind} {coded.Emotion}", new Point(mark.X + 4, 15), HersheyFonts.HersheySimplex, 0.42, Scalar.White, 1,
            LineTypes.AntiAlias);
    }

    private static string PathIn(string outputDirectory, ResultSet r) => Path.Combine(outputDirectory, r.Stem + ReportFiles.TrackedVideoSuffix);

    private static ExpressionEvent AsEvent(ReportEvent e) =>
        new(e.FaceId, e.Kind == "micro" ? EventKind.Micro : EventKind.Macro, e.OnsetMs, e.ApexMs, e.OffsetMs, EmotionNames.Parse(e.Emotion), e.Aus,
            (float)e.Confidence, e.OnsetMs);
}
