using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Reports;

/// <summary>Counts for the batch index.</summary>
/// <param name="Page">The report's path.</param>
/// <param name="TooSlow">The frame rate cannot resolve the shortest micro-expressions (the summary's note, the same for every video of a camera).</param>
/// <param name="Warning">The summary's first other warning.</param>
/// <param name="Coding">Its counts against its coding, where <c>faceflash eval</c> scored it.</param>
/// <param name="FaceTimeS">the summary's <c>face_time_s</c>, and <paramref name="UnmeasuredS"/> its <c>unmeasured_s</c> (null for an earlier build's)</param>
public sealed record ReportEntry(string Stem, string Page, double? Fps, bool TooSlow, int Micro, int Macro, int Blinks, double DurationS, string? Warning,
    CodingCounts? Coding = null, double? FaceTimeS = null, double? UnmeasuredS = null);

/// <summary>
/// <c>&lt;stem&gt;.report.html</c>: one self-contained page per video — plots and face crops embedded as data URIs, no
/// network needed — with the AU timelines, the events (crops at onset and apex, each linked to its moment in the
/// video), counts per emotion and kind, the movements not reported counted by reason, and the run's settings, models
/// and warnings.
/// </summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1500px}
        h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:middle}
        th{background:#f3f3f3}.warn{background:#fff4d6;border:1px solid #e5c063;padding:.6em 1em}
        img.plot{max-width:100%;border:1px solid #ddd}img.crop{height:90px;margin-right:4px}img.trace{height:110px}
        .micro{color:#b00}.macro{color:#14609a}code{background:#f6f6f6;padding:1px 4px}td.slow{background:#fff4d6}
        td.found{background:#e3f4e0}td.missed,td.false-flag{background:#fde2e0}
        """;

    /// <param name="trackedVideo">the video with what was found drawn on it (<see cref="TrackedVideo"/>), when written: linked from the page</param>
    /// <param name="coding">the video's coding as <c>faceflash eval</c> scored it, where it did: each event's outcome, the expressions missed</param>
    public static ReportEntry Write(ResultSet r, string outputDirectory, string? videoOverride, bool png, string? trackedVideo = null, VideoCoding? coding = null)
    {
        var video = r.ReadableInput(videoOverride);
        var page = new StringBuilder();
        string E(object? text) => WebUtility.HtmlEncode(Convert.ToString(text, CultureInfo.InvariantCulture) ?? "");
        var duration = r.SummaryNumber("duration_s") ?? 0;
        var warnings = r.Summary.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

        page.Append($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FaceFlash report: {E(r.Stem)}</title><style>{Style}</style></head><body>");
        page.Append($"<h1>FaceFlash report: {E(r.Stem)}</h1>");
        page.Append($"<p>Input <code>{E(video)}</code> · {duration:0.0} s · {E(Prop(r.Summary, "fps_measured"))} fps measured · " +
                    // A live session's summary says frames_processed, and counts no faces: its tracks do.
                    $"{E(Prop(r.Summary, "frames_written") is { Length: > 0 } written ? written : Prop(r.Summary, "frames_processed"))} frames · " +
                    $"{E(Prop(r.Summary, "faces_seen") is { Length: > 0 } seen ? seen : r.Faces.Count)} face(s)" +
                    // With --format megc a micro-expression lasts up to 500 ms: a 320 ms "micro" needs saying why.
                    (Prop(r.Summary, "micro_definition") is { Length: > 0 } micro ? $" · micro means {E(micro)}" : "") + "</p>");
        foreach (var warning in warnings) page.Append($"<p class=\"warn\">{E(warning)}</p>");
        page.Append("<p>Automated AU and emotion values are estimates; micro-expressions are not a lie detector.</p>");

        Counts(page, r, E);
        // An image folder's frames are its images at the rate it was analysed at, which its summary gives.
        using var crops = video is null ? null : new FaceCrops(video, r.SummaryNumber("fps_nominal") ?? double.NaN);
        string Moment(double ms) => MomentLink(ms, crops, video, outputDirectory, E);
        if (coding is not null) CodingSection(page, r, coding, Moment, E);
        if (crops is { IsVideo: true }) VideoPlayer(page, RelativeUri(outputDirectory, video!), E);
        if (trackedVideo is not null)
            page.Append($"<p>Tracked video (what was found drawn on each frame; Motion-JPEG, for VLC or mpv): <a href=\"{E(RelativeUri(outputDirectory, trackedVideo))}\">{E(Path.GetFileName(trackedVideo))}</a></p>");

        page.Append("<h2>Action-unit timelines</h2>");
        foreach (var face in r.Faces)
        {
            var bytes = TimelinePlot.Png(face, r.Events, r.Blinks, r.Unreported, r.Unmeasured, coding?.Coded, coding?.Blinks);
            page.Append($"<p><img class=\"plot\" alt=\"AU timeline of face {face.FaceId}\" src=\"data:image/png;base64,{Convert.ToBase64String(bytes)}\"></p>");
            if (png) File.WriteAllBytes(Path.Combine(outputDirectory, $"{r.Stem}.face{face.FaceId}.timeline.png"), bytes);
        }
        if (r.Faces.Count == 0) page.Append("<p>No face was tracked.</p>");

        EventsTable(page, r, crops, coding, Moment, E);
        UnreportedList(page, r, Moment, E);
        Settings(page, r, E);
        page.Append("<script>function seek(t){var v=document.getElementById('video');if(v){v.currentTime=t;v.play();return false}return true}</script>");
        page.Append("</body></html>\n");

        var path = Path.Combine(outputDirectory, r.Stem + ReportFiles.PageSuffix);
        AtomicFile.WriteAllText(path, page.ToString());
        var fps = r.SummaryNumber("fps_measured");
        var rateNote = fps is { } measured ? RateNote(r.Summary, measured) : null;
        return new ReportEntry(r.Stem, path, fps, rateNote is not null && warnings.Contains(rateNote), r.Events.Count(e => e.Kind == "micro"),
            r.Events.Count(e => e.Kind == "macro"), r.Blinks.Count, duration, warnings.FirstOrDefault(w => w != rateNote), coding?.Counts,
            r.SummaryNumber("face_time_s"), r.SummaryNumber("unmeasured_s"));
    }

    private static void Counts(StringBuilder page, ResultSet r, Func<object?, string> e)
    {
        page.Append("<h2>Events</h2><table><tr><th>emotion</th><th>micro</th><th>macro</th></tr>");
        foreach (var emotion in r.Events.Select(x => x.Emotion).Distinct().Order())
            page.Append($"<tr><td>{e(emotion)}</td><td>{r.Events.Count(x => x.Emotion == emotion && x.Kind == "micro")}</td><td>{r.Events.Count(x => x.Emotion == emotion && x.Kind == "macro")}</td></tr>");
        page.Append($"<tr><th>all</th><th>{r.Events.Count(x => x.Kind == "micro")}</th><th>{r.Events.Count(x => x.Kind == "macro")}</th></tr></table>");
        page.Append($"<p>{r.Blinks.Count} blink(s).</p>");
        if (r.Unmeasured.Count > 0)
            page.Append($"<p id=\"not-measured\">{r.Unmeasured.Count} stretch(es) of the faces' time, {e(r.SummaryNumber("unmeasured_s")?.ToString("0.0", CultureInfo.InvariantCulture))} s, " +
                        "could not be measured (the summary's <code>unmeasured</code>, shaded violet in the timelines): that no event is there says nothing about the face.</p>");
        if (r.Unreported.Count == 0) return;
        page.Append("<h2>Movements not reported</h2><p>Candidate movements the segmenter judged and left out, by reason " +
                    "(each is a row of <code>unreported.csv</code>, shaded yellow in the timelines).</p>");
        page.Append("<table id=\"not-reported\"><tr><th>reason</th><th>movements</th></tr>");
        foreach (var group in r.Unreported.GroupBy(u => u.Reason).OrderByDescending(g => g.Count()))
            page.Append($"<tr class=\"not-reported\"><td>{e(group.Key.Replace('_', ' '))}</td><td>{group.Count()}</td></tr>");
        page.Append("</table>");
    }

    /// <summary>Containers browsers do not play (the video element shows nothing, or an endless spinner).</summary>
    private static readonly HashSet<string> Unplayable = new(StringComparer.OrdinalIgnoreCase) { ".mpg", ".mpeg", ".avi", ".wmv", ".flv", ".mts", ".m2ts", ".3gp" };

    /// <summary>
    /// The video, and a line that says when the browser cannot play it — at once for containers browsers never play,
    /// else when the player reports an error — with a link to open it in a video player instead.
    /// </summary>
    private static void VideoPlayer(StringBuilder page, string uri, Func<object?, string> e)
    {
        var known = Unplayable.Contains(Path.GetExtension(Uri.UnescapeDataString(uri)));
        page.Append($"<h2>Video</h2><video id=\"video\" src=\"{e(uri)}\" controls width=\"480\"></video>");
        page.Append($"<p id=\"video-note\" class=\"warn\"{(known ? "" : " hidden")}>This browser cannot play this video " +
                    $"(browsers do not play MPEG-1, AVI and some other formats): <a href=\"{e(uri)}\">open it in a video player</a>, " +
                    "or convert it to MP4 (H.264) to watch it here. The event times below still link to their moments.</p>");
        page.Append("<script>document.getElementById('video').addEventListener('error',function(){document.getElementById('video-note').hidden=false})</script>");
    }

    /// <summary>A moment's time in seconds, linked: a video's opens the player there, an image folder's opens its image.</summary>
    private static string MomentLink(double ms, FaceCrops? crops, string? video, string outputDirectory, Func<object?, string> e)
    {
        var seconds = ms / 1000;
        return crops?.ImageFileAt(ms) is { } image ? $"<a href=\"{e(RelativeUri(outputDirectory, image))}\">{seconds:0.000}</a>"
            : video is null ? $"{seconds:0.000}"
            : $"<a href=\"{e(RelativeUri(outputDirectory, video))}#t={seconds:0.000}\" onclick=\"return seek({seconds:0.000})\">{seconds:0.000}</a>";
    }

    private static void EventsTable(StringBuilder page, ResultSet r, FaceCrops? crops, VideoCoding? coding, Func<double, string> moment, Func<object?, string> e)
    {
        page.Append("<table id=\"events\"><tr><th>face</th><th>onset (s)</th><th>frames: onset · apex · offset</th><th>kind</th><th>duration (ms)</th><th>emotion</th><th>AUs</th><th>confidence</th>" +
                    (coding is null ? "" : "<th>against the coding</th>") + "<th>onset · apex</th><th>its AUs, a second either side</th></tr>");
        foreach (var ev in r.Events.OrderBy(x => x.OnsetMs))
        {
            var frames = ev.Frames is { } f ? $"{f.Onset} · {f.Apex} · {f.Offset}" : "–";
            page.Append($"<tr class=\"event\"><td>{ev.FaceId}</td><td>{moment(ev.OnsetMs)}</td><td>{frames}</td><td class=\"{e(ev.Kind)}\">{e(ev.Kind)}</td><td>{ev.OffsetMs - ev.OnsetMs:0}</td>" +
                        $"<td>{e(ev.Emotion)}</td><td>{AuList(ev.Aus, e)}</td><td>{ev.Confidence:0.00}</td>{(coding is null ? "" : Outcome(coding.Of(ev), e))}" +
                        $"<td>{Crop(crops, ev.OnsetMs, ev.OnsetBox, "onset")}{Crop(crops, ev.ApexMs, ev.ApexBox, "apex")}</td><td>{Trace(r, ev)}</td></tr>");
        }
        page.Append("</table>");
        if (r.Events.Count == 0) page.Append("<p>No expression was flagged.</p>");
    }

    /// <summary>
    /// Each movement not reported, folded away under the events: where to look for an expression FaceFlash missed,
    /// each linked to its moment (the counts by reason stand above).
    /// </summary>
    private static void UnreportedList(StringBuilder page, ResultSet r, Func<double, string> moment, Func<object?, string> e)
    {
        if (r.Unreported.Count == 0) return;
        page.Append($"<details><summary>The {r.Unreported.Count} movement(s) not reported, one by one</summary>" +
                    "<table id=\"not-reported-list\"><tr><th>face</th><th>onset (s)</th><th>duration (ms)</th><th>reason</th><th>AUs</th></tr>");
        foreach (var u in r.Unreported.OrderBy(u => u.OnsetMs))
            page.Append($"<tr class=\"not-reported-movement\"><td>{u.FaceId}</td><td>{moment(u.OnsetMs)}</td><td>{u.OffsetMs - u.OnsetMs:0}</td>" +
                        $"<td>{e(u.Reason.Replace('_', ' '))}</td><td>{AuList(u.Aus, e)}</td></tr>");
        page.Append("</table></details>");
    }

    /// <summary>An AU list such as AU01+AU02+AU04+AU05+AU20+AU26, free to wrap after each plus so that a long one does not widen its table past the page.</summary>
    private static string AuList(string aus, Func<object?, string> e) => e(aus).Replace("+", "+<wbr>");

    /// <summary>An event's cell against the coding: matched (what it matched, their overlap) or a false flag (what coded expression it overlaps most, if any).</summary>
    private static string Outcome(JudgedEvent? judged, Func<object?, string> e) => judged switch
    {
        null => "<td>not scored</td>",
        { Matched: true, Coded: { } c } => $"<td class=\"found\">matched: coded {e(c.Kind)} {e(c.Emotion)} at {c.OnsetMs / 1000:0.000} s (IoU {judged.Iou:0.00})</td>",
        { Coded: { } c } => $"<td class=\"false-flag\">false flag; overlaps coded {e(c.Kind)} {e(c.Emotion)} at {c.OnsetMs / 1000:0.000} s</td>",
        _ => "<td class=\"false-flag\">false flag</td>",
    };

    /// <summary>
    /// The video against its coding, as <c>faceflash eval</c> scored it: its counts, and every coded expression in time
    /// order, found or missed — with why it was missed, the reason <c>misses.csv</c> gives.
    /// </summary>
    private static void CodingSection(StringBuilder page, ResultSet r, VideoCoding coding, Func<double, string> moment, Func<object?, string> e)
    {
        var c = coding.Counts;
        page.Append($"<h2>Against the coding</h2><p>As <code>faceflash eval</code> scored it (coded as <code>{e(coding.Clip)}</code>): " +
                    $"micro {c.MicroFound} found, {c.MicroMissed} missed, {c.MicroFalse} false flag(s); macro {c.MacroFound} found, {c.MacroMissed} missed, " +
                    $"{c.MacroFalse} false flag(s). Each event below says what it matched; the timelines' top lane shows the coded expressions, " +
                    "green where found, red where missed.</p>");
        BlinksAgainstTheCoding(page, coding.Blinks, moment);
        if (coding.Coded.Count == 0) return;
        page.Append("<table id=\"coded\"><tr><th>onset (s)</th><th>kind</th><th>duration (ms)</th><th>emotion</th><th>found</th><th>AUs, a second either side (coded, else those that rose most)</th></tr>");
        foreach (var x in coding.Coded)
            page.Append($"<tr class=\"coded\"><td>{moment(x.OnsetMs)}</td><td class=\"{e(x.Kind)}\">{e(x.Kind)}</td><td>{x.OffsetMs - x.OnsetMs:0}</td><td>{e(x.Emotion)}</td>" +
                        (x.Found ? $"<td class=\"found\">found, {(x.ReportedAs is { Length: > 0 } emotion ? $"reported as {e(emotion)}" : "by a movement left out for its emotion (spotting only)")}</td>" : $"<td class=\"missed\">missed: {e(x.MissedBecause!.Replace('_', ' '))}</td>") +
                        $"<td>{CodedTrace(r, x)}</td></tr>");
        page.Append("</table>");
    }

    /// <summary>
    /// Where the coding lists every blink: how many were found, and each one missed or reported where none was coded, so
    /// that a coder can look at those moments (the timelines draw them low in their top lane).
    /// </summary>
    private static void BlinksAgainstTheCoding(StringBuilder page, IReadOnlyList<JudgedBlink>? blinks, Func<double, string> moment)
    {
        if (blinks is null) return;
        int Count(string outcome) => blinks.Count(b => b.Outcome == outcome);
        var coded = Count(BlinkMatchesCsv.Found) + Count(BlinkMatchesCsv.Missed);
        page.Append($"<p id=\"coded-blinks\">Blinks, every one coded: {Count(BlinkMatchesCsv.Found)} of {coded} found, {Count(BlinkMatchesCsv.FalseBlink)} reported where none was coded " +
                    "(low in the timelines' top lane: green found, red missed, orange not coded).");
        foreach (var b in blinks.Where(b => b.Outcome != BlinkMatchesCsv.Found))
            page.Append($" {(b.Outcome == BlinkMatchesCsv.Missed ? "Missed" : "Not coded")}: {moment(b.OnsetMs)} ({b.OffsetMs - b.OnsetMs:0} ms).");
        page.Append("</p>");
    }

    /// <summary>A coded expression's AUs around it, on the face tracked then (a coding names no face).</summary>
    private static string CodedTrace(ResultSet r, CodedExpression c) =>
        TraceImage(r.Faces.FirstOrDefault(f => f.Seconds.Any(s => s * 1000 >= c.OnsetMs && s * 1000 <= c.OffsetMs)) is { } face ? TimelinePlot.CodedPng(face, c) : null);

    private static string Trace(ResultSet r, ReportEvent ev) =>
        TraceImage(r.Faces.FirstOrDefault(f => f.FaceId == ev.FaceId) is { } face ? TimelinePlot.EventPng(face, ev) : null);

    private static string TraceImage(byte[]? png) =>
        png is null ? "" : $"<img class=\"trace\" alt=\"its AUs\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";

    private static string Crop(FaceCrops? crops, double ms, (double, double, double, double)? box, string what) =>
        crops?.At(ms, box) is { } jpeg ? $"<img class=\"crop\" alt=\"{what}\" src=\"data:image/jpeg;base64,{Convert.ToBase64String(jpeg)}\">" : "";

    private static void Settings(StringBuilder page, ResultSet r, Func<object?, string> e)
    {
        page.Append("<h2>Run</h2><table>");
        page.Append($"<tr><th>FaceFlash</th><td>{e(Prop(r.Summary, "faceflash_version"))}</td></tr>");
        page.Append($"<tr><th>AU estimator</th><td>{e(Prop(r.Summary, "action_unit_estimator"))}</td></tr>");
        if (r.Summary.TryGetProperty("models", out var models))
            foreach (var m in models.EnumerateObject()) page.Append($"<tr><th>model {e(m.Name)}</th><td><code>{e(m.Value.GetString())}</code></td></tr>");
        if (r.Summary.TryGetProperty("segmenter", out var seg))
            foreach (var s in seg.EnumerateObject()) page.Append($"<tr><th>{e(s.Name)}</th><td>{e(s.Value.ToString())}</td></tr>");
        // analyze --mirror-check: what the events are, so that a page read later says why there are so few.
        if (r.Summary.TryGetProperty("mirrored_expressions", out var mirrored))
        {
            var notFound = r.Summary.TryGetProperty("not_reported", out var counts) && counts.TryGetProperty("not_found_mirrored", out var n) ? n.GetInt32() : 0;
            page.Append($"<tr><th>mirror check</th><td>only expressions found in the mirrored video too are reported: it found {e(mirrored.GetInt32())}; " +
                        $"{e(notFound)} of this analysis's were not found again (not_found_mirrored)</td></tr>");
        }
        page.Append("</table>");
    }

    /// <summary>The frame-rate note the summary's settings would give at its measured rate (null when there is none).</summary>
    private static string? RateNote(JsonElement summary, double fps) =>
        summary.TryGetProperty("segmenter", out var segmenter) && segmenter.TryGetProperty("micro_min_ms", out var min) && min.ValueKind == JsonValueKind.Number
            ? new SegmenterOptions { MicroMinMs = min.GetDouble() }.ResolutionWarning(fps)
            : null;

    /// <summary>A summary field as text; empty where it is absent.</summary>
    private static string Prop(JsonElement summary, string name) => summary.TryGetProperty(name, out var v) ? v.ToString() : "";

    private static string RelativeUri(string from, string file) =>
        string.Join('/', Path.GetRelativePath(from, file).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

    /// <summary>
    /// <c>index.html</c> in <paramref name="outputDirectory"/>: every report of the batch with its counts, those in
    /// folders under it named by their path from there (<c>grid/bbaf2n</c>).
    /// </summary>
    /// <param name="evaluation">the folder of the <c>faceflash eval</c> whose codings the pages show, if any: its files are linked</param>
    public static void WriteIndex(string outputDirectory, IReadOnlyList<ReportEntry> entries, string? evaluation = null)
    {
        var page = new StringBuilder($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>FaceFlash reports</title><style>{Style}</style></head><body>");
        page.Append("<h1>FaceFlash reports</h1>");
        // The same for every video of a camera: said once, not on every row.
        if (entries.Count(x => x.TooSlow) is var slow and > 0)
            page.Append($"<p class=\"warn\">{slow} of {entries.Count} videos (their rate shaded) were recorded at too few frames a second to " +
                        "resolve the shortest micro-expressions: there the shortest can be missed and onsets and offsets are only known to a frame " +
                        "interval (each report says by how much).</p>");
        // Where faceflash eval scored the videos against a coding, each one's counts against it, and its own files.
        var scored = entries.Any(x => x.Coding is not null);
        if (scored && evaluation is not null)
        {
            string Link(string file) => $"<a href=\"{WebUtility.HtmlEncode(RelativeUri(outputDirectory, Path.Combine(evaluation, file)))}\">{file}</a>";
            page.Append($"<p>Scored against a coding by <code>faceflash eval</code>: {Link(SpottingPlot.FileName)} (every video's coded expressions and events on one " +
                        $"time axis), {Link(Core.Scoring.EvaluationReport.FileName)}, {Link(MissesCsv.FileName)}, {Link(FlagsCsv.FileName)}, " +
                        (File.Exists(Path.Combine(evaluation, BlinkMatchesCsv.FileName)) ? $"{Link(BlinkMatchesCsv.FileName)} " : "") +
                        $"and {Link(ClipScoresCsv.FileName)}.</p>");
        }
        // Few events on a face mostly not measured are not few expressions: how much was, beside the counts.
        page.Append("<table><tr><th>video</th><th>fps</th><th>duration (s)</th><th>micro</th><th>macro</th><th>blinks</th><th>face time not measured (s)</th>" +
                    (scored ? "<th>coded micro: found · missed · false flags</th><th>coded macro: found · missed · false flags</th>" : "") + "<th>note</th></tr>");
        foreach (var x in entries)
        {
            var name = ResultSet.NameFrom(outputDirectory, Path.GetDirectoryName(x.Page)!, x.Stem);
            var coding = !scored ? "" : x.Coding is { } c
                ? $"<td>{c.MicroFound} · {c.MicroMissed} · {c.MicroFalse}</td><td>{c.MacroFound} · {c.MacroMissed} · {c.MacroFalse}</td>"
                : "<td>not scored</td><td>not scored</td>";
            page.Append($"<tr><td><a href=\"{WebUtility.HtmlEncode(RelativeUri(outputDirectory, x.Page))}\">{WebUtility.HtmlEncode(name)}</a></td>" +
                        $"<td{(x.TooSlow ? " class=\"slow\"" : "")}>{x.Fps:0.#}</td><td>{x.DurationS:0.0}</td>" +
                        $"<td>{x.Micro}</td><td>{x.Macro}</td><td>{x.Blinks}</td>" +
                        $"<td class=\"unmeasured\">{(x is { UnmeasuredS: { } u, FaceTimeS: { } f } ? $"{u:0.0} of {f:0.0}" : "–")}</td>{coding}<td>{WebUtility.HtmlEncode(x.Warning ?? "")}</td></tr>");
        }
        page.Append("</table></body></html>\n");
        AtomicFile.WriteAllText(Path.Combine(outputDirectory, "index.html"), page.ToString());
    }
}
