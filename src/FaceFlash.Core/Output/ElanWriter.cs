using System.Globalization;
using System.Xml.Linq;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.eaf</c>: an ELAN (EAF 3.0) annotation document linked to the video. Per face, three time-aligned
/// tiers — micro, macro (annotated with the emotion) and blinks — and, under micro and macro, dependent tiers in
/// symbolic association with each event: its AUs, its confidence, and "truncated" where it was cut off. The media
/// is linked by absolute URL and by a URL relative to the document's own folder, so ELAN finds it when the folder
/// pair is moved together; the root names its schema, as ELAN and pympi expect. An AU time series, when given, is
/// linked in the header so ELAN's time-series viewer shows the AU curves under the video. A live session's hand
/// markers are a tier of their own, <c>markers</c>, so a coder sees the stimuli beside the expressions. The movements
/// the segmenter judged and did not report are, per face, a tier <c>face N not reported</c>, each annotated with its
/// reason and AUs: where to look first for an expression FaceFlash missed (as the report's timelines shade them); and
/// the stretches in which no movement could be reported at all, a tier <c>face N not measured</c> annotated with why.
/// </summary>
public static class ElanWriter
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Schema = "http://www.mpi.nl/tools/elan/EAFv3.0.xsd";
    private const string AlignedType = "expression", AssociatedType = "event detail";

    /// <summary>
    /// How long a marker's annotation lasts: ELAN gives every annotation a length, and a marker is a moment, so it is
    /// shown as the tenth of a second from it (less where the next marker comes sooner: a tier's annotations must not overlap).
    /// </summary>
    public const double MarkerSpanMs = 100;

    /// <param name="timeSeries">an AU time series to link (<see cref="ElanTimeSeriesWriter"/>: its configuration, then its CSVs)</param>
    /// <param name="markers">a live session's hand markers, in the order they were made</param>
    /// <param name="unreported">the movements judged and not reported; null leaves their tiers out</param>
    /// <param name="unmeasured">the faces' stretches not measured (the summary's <c>unmeasured</c>); null leaves their tiers out</param>
    public static void Write(string path, string? mediaPath, IReadOnlyList<ExpressionEvent> events, IReadOnlyList<BlinkEvent> blinks,
        IReadOnlyList<string>? timeSeries = null, IReadOnlyList<HandMarker>? markers = null, IReadOnlyList<UnreportedMovement>? unreported = null,
        IReadOnlyList<UnmeasuredStretch>? unmeasured = null)
    {
        var slots = new List<XElement>();
        string Slot(double ms)
        {
            var id = $"ts{slots.Count + 1}";
            slots.Add(new XElement("TIME_SLOT", new XAttribute("TIME_SLOT_ID", id), new XAttribute("TIME_VALUE", Math.Round(ms).ToString(CultureInfo.InvariantCulture))));
            return id;
        }
        var annotationId = 0;
        string NextId() => $"a{++annotationId}";
        XElement Aligned(string id, double onset, double offset, string value) =>
            new("ANNOTATION", new XElement("ALIGNABLE_ANNOTATION",
                new XAttribute("ANNOTATION_ID", id),
                new XAttribute("TIME_SLOT_REF1", Slot(onset)),
                new XAttribute("TIME_SLOT_REF2", Slot(offset)),
                new XElement("ANNOTATION_VALUE", value)));
        XElement Referring(string parent, string value) =>
            new("ANNOTATION", new XElement("REF_ANNOTATION",
                new XAttribute("ANNOTATION_ID", NextId()),
                new XAttribute("ANNOTATION_REF", parent),
                new XElement("ANNOTATION_VALUE", value)));

        var faces = events.Select(e => e.FaceId).Concat(blinks.Select(b => b.FaceId)).Concat((unreported ?? []).Select(u => u.FaceId))
            .Concat((unmeasured ?? []).Select(u => u.FaceId)).Distinct().Order().ToList();
        var tiers = new List<XElement>();
        foreach (var face in faces)
        {
            foreach (var kind in new[] { EventKind.Micro, EventKind.Macro })
            {
                var name = $"face {face} {(kind == EventKind.Micro ? "micro" : "macro")}";
                var kindEvents = events.Where(e => e.FaceId == face && e.Kind == kind).OrderBy(e => e.OnsetMs)
                    .Select(e => (Event: e, Id: NextId())).ToList();
                tiers.Add(Tier(name, AlignedType, null, kindEvents.Select(x => Aligned(x.Id, x.Event.OnsetMs, x.Event.OffsetMs, EmotionNames.Name(x.Event.Emotion)))));
                tiers.Add(Tier($"{name} AUs", AssociatedType, name, kindEvents.Select(x => Referring(x.Id, x.Event.Aus))));
                tiers.Add(Tier($"{name} confidence", AssociatedType, name,
                    kindEvents.Select(x => Referring(x.Id, x.Event.Confidence.ToString("0.00", CultureInfo.InvariantCulture)))));
                tiers.Add(Tier($"{name} truncated", AssociatedType, name, kindEvents.Where(x => x.Event.Truncated).Select(x => Referring(x.Id, "truncated"))));
            }
            tiers.Add(Tier($"face {face} blinks", AlignedType, null, blinks.Where(b => b.FaceId == face).OrderBy(b => b.OnsetMs)
                .Select(b => Aligned(NextId(), b.OnsetMs, b.OffsetMs, b.Truncated ? "blink, truncated" : "blink"))));
            if (unreported is not null)
                foreach (var (lane, k) in Lanes(unreported.Where(u => u.FaceId == face)).Select((lane, k) => (lane, k)))
                    tiers.Add(Tier(k == 0 ? $"face {face} not reported" : $"face {face} not reported {k + 1}", AlignedType, null,
                        lane.Select(u => Aligned(NextId(), u.OnsetMs, AnnotationEndMs(u), NotReportedLabel(u)))));
            // A face's stretches follow one another along its track, so one tier holds them.
            if (unmeasured is not null)
                tiers.Add(Tier($"face {face} not measured", AlignedType, null, unmeasured.Where(u => u.FaceId == face).OrderBy(u => u.FromMs)
                    .Select(u => Aligned(NextId(), u.FromMs, Math.Max(u.ToMs, u.FromMs + 1), u.Reason.Replace('_', ' ')))));
        }

        if (markers is { Count: > 0 })
        {
            var ordered = markers.OrderBy(m => m.TimeMs).ToList();
            tiers.Add(Tier("markers", AlignedType, null, ordered.Select((m, i) =>
            {
                var end = Math.Min(m.TimeMs + MarkerSpanMs, i + 1 < ordered.Count ? ordered[i + 1].TimeMs : double.PositiveInfinity);
                return Aligned(NextId(), m.TimeMs, Math.Max(end, m.TimeMs + 1), m.Label.Length > 0 ? m.Label : "marker");
            })));
        }

        // A stream or camera left no file to link: ELAN then opens the document alone, and the coder links the video.
        var media = mediaPath is null ? null : FileUrl(mediaPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Relative(string file)
        {
            var relative = Path.GetRelativePath(folder, Path.GetFullPath(file)).Replace('\\', '/');
            return relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
        }
        // ELAN's time-series viewer reads a *_tsconf.xml configuration (text/xml) linked from the header; the data
        // files it names are linked too, associated with the video.
        var linked = (timeSeries ?? []).Select((file, i) => new XElement("LINKED_FILE_DESCRIPTOR",
            new XAttribute("LINK_URL", FileUrl(file)),
            new XAttribute("RELATIVE_LINK_URL", Relative(file)),
            new XAttribute("MIME_TYPE", i == 0 ? "text/xml" : "unknown"),
            i == 0 || media is null ? null : new XAttribute("ASSOCIATED_WITH", media)));
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("ANNOTATION_DOCUMENT",
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute(Xsi + "noNamespaceSchemaLocation", Schema),
                new XAttribute("AUTHOR", "FaceFlash"),
                new XAttribute("DATE", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
                new XAttribute("FORMAT", "3.0"),
                new XAttribute("VERSION", "3.0"),
                new XElement("HEADER", new XAttribute("MEDIA_FILE", ""), new XAttribute("TIME_UNITS", "milliseconds"),
                    mediaPath is null ? null : new XElement("MEDIA_DESCRIPTOR", new XAttribute("MEDIA_URL", media!), new XAttribute("MIME_TYPE", MimeType(mediaPath)),
                        new XAttribute("RELATIVE_MEDIA_URL", Relative(mediaPath))),
                    linked),
                new XElement("TIME_ORDER", slots),
                tiers,
                new XElement("LINGUISTIC_TYPE", new XAttribute("LINGUISTIC_TYPE_ID", AlignedType), new XAttribute("TIME_ALIGNABLE", "true"),
                    new XAttribute("GRAPHIC_REFERENCES", "false")),
                new XElement("LINGUISTIC_TYPE", new XAttribute("LINGUISTIC_TYPE_ID", AssociatedType), new XAttribute("TIME_ALIGNABLE", "false"),
                    new XAttribute("CONSTRAINTS", "Symbolic_Association"), new XAttribute("GRAPHIC_REFERENCES", "false")),
                new XElement("CONSTRAINT", new XAttribute("STEREOTYPE", "Symbolic_Association"),
                    new XAttribute("DESCRIPTION", "1-1 association with a parent annotation"))));
        using var file = new AtomicFile(path);
        doc.Save(file.Writer);
        file.Commit();
    }

    /// <summary>
    /// A file's URL as ELAN writes and reads it: <c>file://</c> and the path as it is. ELAN does not decode
    /// percent escapes, so the escaped form (<c>file:///data/P%2001.mp4</c>, written until the twenty-fourth session)
    /// named no file for a video whose name has a space or a letter beyond ASCII, and only the relative URL found it.
    /// </summary>
    private static string FileUrl(string file) => "file://" + Path.GetFullPath(file);

    /// <summary>
    /// The movements in as few lanes as keep each lane's annotations apart (a tier's must not overlap, and two candidate
    /// movements of one face can: one held across another); the first lane always, even empty.
    /// </summary>
    private static List<List<UnreportedMovement>> Lanes(IEnumerable<UnreportedMovement> movements)
    {
        var lanes = new List<List<UnreportedMovement>> { new() };
        foreach (var m in movements.OrderBy(m => m.OnsetMs))
        {
            var lane = lanes.FirstOrDefault(l => l.Count == 0 || Math.Round(AnnotationEndMs(l[^1])) <= Math.Round(m.OnsetMs));
            if (lane is null) lanes.Add(lane = []);
            lane.Add(m);
        }
        return lanes;
    }

    /// <summary>Where a movement's annotation ends: at its offset, and a millisecond after its onset at least (ELAN gives every annotation a length).</summary>
    private static double AnnotationEndMs(UnreportedMovement m) => Math.Max(m.OffsetMs, m.OnsetMs + 1);

    /// <summary>"speech: AU25+AU26", as the report names reasons.</summary>
    private static string NotReportedLabel(UnreportedMovement m) =>
        m.Reason.Name().Replace('_', ' ') + (m.Aus.Length > 0 ? $": {m.Aus}" : "");

    private static XElement Tier(string id, string type, string? parent, IEnumerable<XElement> annotations) =>
        new("TIER", new XAttribute("TIER_ID", id), new XAttribute("LINGUISTIC_TYPE_REF", type),
            parent is null ? null : new XAttribute("PARENT_REF", parent), annotations);

    private static string MimeType(string media) => Path.GetExtension(media).ToLowerInvariant() switch
    {
        ".mp4" or ".m4v" => "video/mp4",
        ".mpg" or ".mpeg" => "video/mpeg",
        ".avi" => "video/x-msvideo",
        ".mkv" => "video/x-matroska",
        ".wmv" => "video/x-ms-wmv",
        ".mov" => "video/quicktime",
        _ => "video/*",
    };
}
