using System.Globalization;
using System.Xml.Linq;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.eaf</c>: an ELAN annotation document linked to the video, with three tiers per face — micro
/// events, macro events and blinks. Annotation values read "happiness AU06+AU12 0.82" (with " truncated" when the expression was cut off).
/// </summary>
public static class ElanWriter
{
    public static void Write(string path, string mediaPath, IReadOnlyList<ExpressionEvent> events, IReadOnlyList<BlinkEvent> blinks)
    {
        var slots = new List<XElement>();
        string Slot(double ms)
        {
            var id = $"ts{slots.Count + 1}";
            slots.Add(new XElement("TIME_SLOT", new XAttribute("TIME_SLOT_ID", id), new XAttribute("TIME_VALUE", Math.Round(ms).ToString(CultureInfo.InvariantCulture))));
            return id;
        }
        var annotationId = 0;
        XElement Annotation(double onset, double offset, string value) =>
            new("ANNOTATION", new XElement("ALIGNABLE_ANNOTATION",
                new XAttribute("ANNOTATION_ID", $"a{++annotationId}"),
                new XAttribute("TIME_SLOT_REF1", Slot(onset)),
                new XAttribute("TIME_SLOT_REF2", Slot(offset)),
                new XElement("ANNOTATION_VALUE", value)));

        var faces = events.Select(e => e.FaceId).Concat(blinks.Select(b => b.FaceId)).Distinct().Order().ToList();
        var tiers = new List<XElement>();
        foreach (var face in faces)
        {
            foreach (var kind in new[] { EventKind.Micro, EventKind.Macro })
                tiers.Add(Tier($"face {face} {(kind == EventKind.Micro ? "micro" : "macro")}", events
                    .Where(e => e.FaceId == face && e.Kind == kind).OrderBy(e => e.OnsetMs)
                    .Select(e => Annotation(e.OnsetMs, e.OffsetMs, $"{EmotionNames.Name(e.Emotion)} {e.Aus} {e.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}{(e.Truncated ? " truncated" : "")}"))));
            tiers.Add(Tier($"face {face} blinks", blinks.Where(b => b.FaceId == face).OrderBy(b => b.OnsetMs)
                .Select(b => Annotation(b.OnsetMs, b.OffsetMs, "blink"))));
        }

        var media = Path.GetFullPath(mediaPath);
        var doc = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("ANNOTATION_DOCUMENT",
                new XAttribute("AUTHOR", "FaceFlash"),
                new XAttribute("DATE", "1970-01-01T00:00:00Z"),
                new XAttribute("FORMAT", "3.0"),
                new XAttribute("VERSION", "3.0"),
                new XElement("HEADER", new XAttribute("MEDIA_FILE", ""), new XAttribute("TIME_UNITS", "milliseconds"),
                    new XElement("MEDIA_DESCRIPTOR", new XAttribute("MEDIA_URL", new Uri(media).AbsoluteUri), new XAttribute("MIME_TYPE", MimeType(media)),
                        new XAttribute("RELATIVE_MEDIA_URL", "./" + Path.GetFileName(media)))),
                new XElement("TIME_ORDER", slots),
                tiers,
                new XElement("LINGUISTIC_TYPE", new XAttribute("LINGUISTIC_TYPE_ID", "expression"), new XAttribute("TIME_ALIGNABLE", "true"), new XAttribute("GRAPHIC_REFERENCES", "false"))));
        using var file = new AtomicFile(path);
        doc.Save(file.Writer);
        file.Commit();
    }

    private static XElement Tier(string id, IEnumerable<XElement> annotations) =>
        new("TIER", new XAttribute("TIER_ID", id), new XAttribute("LINGUISTIC_TYPE_REF", "expression"), annotations);

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
