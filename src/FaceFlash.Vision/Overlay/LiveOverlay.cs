using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Segmentation;
using OpenCvSharp;

namespace FaceFlash.Vision.Overlay;

/// <summary>What the heads-up line reports.</summary>
public readonly record struct OverlayStatus(double CaptureFps, double ProcessingFps, double LatencyP50Ms, double LatencyP99Ms, long Dropped, string? Warning);

/// <summary>
/// Draws the live view: a heads-up line (frame rates, latency, drops, frame-rate warnings) above the frame; on the
/// frame, each face's box, id and (optionally) mesh, bars for each face's strongest AUs beside its box and a banner for the
/// latest event, held 1.5 s; below it, a scrolling timeline of one face's AU signals with flagged events as shaded spans. Small frames
/// are enlarged so the text stays readable.
/// </summary>
public sealed class LiveOverlay
{
    public const double BannerHoldMs = 1500;
    public const double TimelineMs = 6000;
    public const int TimelineHeight = 90;
    public const int HudHeight = 22;
    public const int MinWidth = 640;
    public static readonly Scalar BannerColour = new(40, 40, 220);

    /// <summary>An AU bar at or above presence (<see cref="ActionUnitInfo.PresenceThreshold"/>).</summary>
    public static readonly Scalar BarColour = new(0, 200, 255);

    /// <summary>The line over a face's bars while its levels form (live: nothing it does can be reported yet).</summary>
    public const string FormingText = "levels forming";
    public static readonly Scalar FormingColour = new(170, 170, 170);

    /// <summary>How many AUs a face's bars show (its strongest), and the room they take.</summary>
    public const int BarCount = 5;
    public const int BarColumnWidth = 142;
    public const int BarColumnHeight = 16 + BarCount * 18;

    /// <summary>The first row under the event banner (<see cref="BannerArea"/>: 8 px down, a line of text, 16 px of padding).</summary>
    public const int BelowBanner = 44;

    private static readonly (ActionUnit Au, Scalar Colour)[] Traces =
    [
        (ActionUnit.AU12, new Scalar(80, 220, 80)), (ActionUnit.AU04, new Scalar(60, 60, 240)),
        (ActionUnit.AU01, new Scalar(240, 160, 40)), (ActionUnit.AU45, new Scalar(200, 200, 200)),
    ];

    private readonly Queue<(double Ms, float[] Values)> _history = new();
    private readonly Queue<float[]> _spare = new();
    private readonly List<ExpressionEvent> _events = [];
    private int? _followedId;
    private ExpressionEvent? _banner;
    private double _bannerSinceMs;

    public bool ShowMesh { get; set; } = true;

    /// <summary>Records an event for the banner and the timeline.</summary>
    public void Flag(ExpressionEvent e, double nowMs)
    {
        _events.Add(e);
        if (_events.Count > 50) _events.RemoveAt(0);
        _banner = e;
        _bannerSinceMs = nowMs;
    }

    /// <summary>Where the frame sits in the canvas, and its scale (canvas pixels per frame pixel).</summary>
    public static (Rect Frame, float Scale) Layout(int frameWidth, int frameHeight)
    {
        var scale = Math.Max(1f, (float)MinWidth / frameWidth);
        return (new Rect(0, HudHeight, (int)Math.Round(frameWidth * scale), (int)Math.Round(frameHeight * scale)), scale);
    }

    /// <summary>Renders <paramref name="frame"/> and what was found in it into <paramref name="canvas"/> (reallocated only when the size changes).</summary>
    /// <param name="formingLevels">the faces whose levels are still forming: their bars are headed "levels forming", as nothing they do can be reported yet</param>
    public void Draw(Mat frame, Mat canvas, IReadOnlyList<FaceObservation> faces, double timestampMs, double nowMs, OverlayStatus status,
        IReadOnlyCollection<int>? formingLevels = null) =>
        Draw(frame, canvas, faces, timestampMs, nowMs, HudText(status), status.Warning, formingLevels);

    /// <summary>As the live view, with <paramref name="hud"/> as the heads-up line and <paramref name="warning"/> (if any) at the frame's foot.</summary>
    public void Draw(Mat frame, Mat canvas, IReadOnlyList<FaceObservation> faces, double timestampMs, double nowMs, string hud, string? warning,
        IReadOnlyCollection<int>? formingLevels = null)
    {
        var (area, scale) = Layout(frame.Width, frame.Height);
        canvas.Create(HudHeight + area.Height + TimelineHeight, area.Width, MatType.CV_8UC3);
        var inView = 0;
        using (var view = new Mat(canvas, area))
        {
            if (scale == 1) frame.CopyTo(view);
            else Cv2.Resize(frame, view, area.Size, interpolation: InterpolationFlags.Linear);
            foreach (var face in faces)
            {
                if (!face.Success) continue;
                inView++;
                FaceOverlay.Draw(view, face, ShowMesh, scale);
            }
            var followed = Follow(faces);
            Remember(timestampMs, followed);
            foreach (var face in faces)
                if (face is { Success: true, AuStatus: ActionUnitStatus.Measured })
                    DrawBars(view, face, BarsPlace(face.Box, scale, view.Width, view.Height), nameTheFace: inView > 1,
                        forming: formingLevels?.Contains(face.FaceId) == true);
            DrawBanner(view, nowMs, nameTheFace: inView > 1);
            if (warning is not null)
                Cv2.PutText(view, warning, new Point(6, view.Height - 8), HersheyFonts.HersheySimplex, 0.45, new Scalar(0, 200, 255), 1, LineTypes.AntiAlias);
        }
        DrawTimeline(canvas, timestampMs, inView > 1 ? _followedId : null);
        DrawHud(canvas, hud);
    }

    /// <summary>
    /// The face the timeline follows: the one it followed while that stays in view, else the lowest id in view (ids
    /// are never reused, so the face found first). Following the first face in the list instead mixed two people's
    /// AUs in one line whenever a face was lost and found again (a track found again joins the list's end).
    /// </summary>
    private FaceObservation? Follow(IReadOnlyList<FaceObservation> faces)
    {
        FaceObservation? lowest = null;
        foreach (var face in faces)
        {
            if (!face.Success) continue;
            if (face.FaceId == _followedId) return face;
            if (lowest is null || face.FaceId < lowest.FaceId) lowest = face;
        }
        if (lowest is not null && _followedId is not null)
            while (_history.Count > 0) _spare.Enqueue(_history.Dequeue().Values); // another face: a new line
        _followedId = lowest?.FaceId ?? _followedId;
        return lowest;
    }

    private void Remember(double ms, FaceObservation? face)
    {
        while (_history.Count > 0 && (ms - _history.Peek().Ms > TimelineMs || ms < _history.Peek().Ms)) _spare.Enqueue(_history.Dequeue().Values);
        var values = _spare.Count > 0 ? _spare.Dequeue() : new float[Traces.Length];
        // The timeline's own buffer marks "no measurement" as NaN, where its line is broken.
        var valid = face is { AuStatus: ActionUnitStatus.Measured } ? face.AuValid : ActionUnitSet.None;
        for (var i = 0; i < Traces.Length; i++) values[i] = valid.Contains(Traces[i].Au) ? face!.ActionUnits[(int)Traces[i].Au] : float.NaN;
        _history.Enqueue((ms, values));
    }

    /// <summary>
    /// Where a face's bars go (their top left, in view pixels): beside its box on the side away from the frame's centre,
    /// where there is room, else on the other side, else at the frame's left edge; level with the box's top, but below
    /// the event banner's strip. So with two participants side by side each one's bars stand on their own side, not
    /// between them, and a face near the top keeps its bars clear of the banner.
    /// </summary>
    public static Point BarsPlace(BoxF box, float scale, int viewWidth, int viewHeight)
    {
        const int gap = 8;
        var (left, right) = ((int)(box.X * scale), (int)((box.X + box.Width) * scale));
        var (onLeft, onRight) = (left - gap - BarColumnWidth, right + gap);
        var (leftFits, rightFits) = (onLeft >= 0, onRight + BarColumnWidth <= viewWidth);
        var x = (left + right) / 2 < viewWidth / 2
            ? leftFits ? onLeft : rightFits ? onRight : gap
            : rightFits ? onRight : leftFits ? onLeft : gap;
        var y = Math.Clamp((int)(box.Y * scale), BelowBanner, Math.Max(BelowBanner, viewHeight - BarColumnHeight));
        return new Point(x, y);
    }

    /// <summary>
    /// The face's strongest AUs as bars at <paramref name="at"/>, headed by the face's id while several are in view, and
    /// by <see cref="FormingText"/> while its levels form.
    /// </summary>
    private static void DrawBars(Mat canvas, FaceObservation face, Point at, bool nameTheFace, bool forming)
    {
        var (x, y) = (at.X, at.Y);
        if (nameTheFace)
        {
            Cv2.PutText(canvas, $"face {face.FaceId}", new Point(x, y + 10), HersheyFonts.HersheySimplex, 0.4, FaceOverlay.BoxColour, 1, LineTypes.AntiAlias);
            y += 16;
        }
        if (forming)
        {
            Cv2.PutText(canvas, FormingText, new Point(x, y + 10), HersheyFonts.HersheySimplex, 0.4, FormingColour, 1, LineTypes.AntiAlias);
            y += 16;
        }
        var aus = face.ActionUnits;
        foreach (var au in ActionUnitInfo.Bilateral.Where(face.AuValid.Contains).OrderByDescending(a => aus[(int)a]).Take(BarCount))
        {
            var value = aus[(int)au];
            Cv2.PutText(canvas, au.ToString(), new Point(x, y + 10), HersheyFonts.HersheySimplex, 0.4, Scalar.White, 1, LineTypes.AntiAlias);
            Cv2.Rectangle(canvas, new Rect(x + 42, y, 100, 12), new Scalar(60, 60, 60), -1);
            Cv2.Rectangle(canvas, new Rect(x + 42, y, (int)(100 * Math.Clamp(value / ActionUnitInfo.MaxIntensity, 0, 1)), 12),
                value >= ActionUnitInfo.PresenceThreshold ? BarColour : new Scalar(150, 150, 150), -1);
            y += 18;
        }
    }

    private void DrawTimeline(Mat canvas, double nowMs, int? followedId)
    {
        var top = canvas.Height - TimelineHeight;
        var width = canvas.Width;
        using (var strip = new Mat(canvas, new Rect(0, top, width, TimelineHeight))) strip.SetTo(new Scalar(25, 25, 25));
        double X(double ms) => width - (nowMs - ms) / TimelineMs * width;
        foreach (var e in _events)
        {
            var (x0, x1) = ((int)X(e.OnsetMs), Math.Max((int)X(e.OffsetMs), (int)X(e.OnsetMs) + 2));
            if (x1 < 0) continue;
            var colour = e.Kind == EventKind.Micro ? new Scalar(60, 60, 200) : new Scalar(120, 90, 40);
            Cv2.Rectangle(canvas, new Rect(Math.Max(x0, 0), top, Math.Max(x1 - Math.Max(x0, 0), 1), TimelineHeight), colour, -1);
        }
        for (var t = 0; t < Traces.Length; t++)
        {
            Point? last = null;
            foreach (var (ms, values) in _history)
            {
                if (float.IsNaN(values[t])) { last = null; continue; }
                var p = new Point((int)X(ms), top + TimelineHeight - 4 - (int)(Math.Min(values[t], 3) / 3 * (TimelineHeight - 8)));
                if (last is { } l) Cv2.Line(canvas, l, p, Traces[t].Colour, 1, LineTypes.AntiAlias);
                last = p;
            }
            Cv2.PutText(canvas, Traces[t].Au.ToString(), new Point(6 + 48 * t, top + 12), HersheyFonts.HersheySimplex, 0.35, Traces[t].Colour, 1, LineTypes.AntiAlias);
        }
        if (followedId is { } id)
            Cv2.PutText(canvas, $"face {id}", new Point(6 + 48 * Traces.Length, top + 12), HersheyFonts.HersheySimplex, 0.35, FaceOverlay.BoxColour, 1, LineTypes.AntiAlias);
    }

    private void DrawBanner(Mat canvas, double nowMs, bool nameTheFace)
    {
        if (_banner is not { } e || nowMs - _bannerSinceMs > BannerHoldMs) return;
        var text = BannerText(e, nameTheFace);
        var size = Cv2.GetTextSize(text, HersheyFonts.HersheySimplex, 0.6, 2, out _);
        var x = (canvas.Width - size.Width) / 2;
        Cv2.Rectangle(canvas, BannerArea(canvas.Width, size.Width, size.Height), BannerColour, -1);
        Cv2.PutText(canvas, text, new Point(x, 16 + size.Height), HersheyFonts.HersheySimplex, 0.6, Scalar.White, 2, LineTypes.AntiAlias);
    }

    /// <summary>The banner's box within the frame area (for tests that look for it).</summary>
    public static Rect BannerArea(int viewWidth, int textWidth, int textHeight) =>
        new((viewWidth - textWidth) / 2 - 10, 8, textWidth + 20, textHeight + 16);

    /// <summary>
    /// "MICRO - happiness - AU06+AU12 - 120 ms" (OpenCV's Hershey fonts are ASCII, so dashes separate the parts), and
    /// "- face 3" after it while several faces are in view (two participants facing the camera), as their boxes are named.
    /// </summary>
    public static string BannerText(ExpressionEvent e, bool nameTheFace = false) =>
        $"{e.KindName.ToUpperInvariant()} - {EmotionNames.Name(e.Emotion)} - {e.Aus} - {e.DurationMs:0} ms" + (nameTheFace ? $" - face {e.FaceId}" : "");

    private static string HudText(OverlayStatus s) =>
        $"capture {s.CaptureFps:0.0} fps | processing {s.ProcessingFps:0.0} fps | latency p50 {s.LatencyP50Ms:0} ms p99 {s.LatencyP99Ms:0} ms | drops {s.Dropped}";

    private static void DrawHud(Mat canvas, string text)
    {
        Cv2.Rectangle(canvas, new Rect(0, 0, canvas.Width, HudHeight), new Scalar(0, 0, 0), -1);
        Cv2.PutText(canvas, text, new Point(6, 15), HersheyFonts.HersheySimplex, 0.42, Scalar.White, 1, LineTypes.AntiAlias);
    }
}
