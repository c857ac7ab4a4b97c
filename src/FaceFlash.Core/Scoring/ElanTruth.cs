using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// Expressions and blinks coded by hand in ELAN: the time-aligned annotations of the chosen tiers, each tier a kind
/// (micro, macro or blink), an expression's text its emotion. By default the top-level tiers whose names contain
/// "micro", "macro" or "blink" are read (FaceFlash's own <c>face N blinks</c> among them, so its document, corrected by
/// a coder, codes blinks too); <c>--tier NAME=kind</c> names them instead. A blink tier codes every blink in the video
/// (<see cref="GroundTruth.BlinksComplete"/>). ELAN has no apex: matched events' apex error is not scored.
/// </summary>
public static class ElanTruth
{
    /// <summary>
    /// The video the document annotates (its media file's name without extension, else the .eaf's), its coded events,
    /// and its coded blinks — null when no blink tier was read.
    /// </summary>
    public static (string Video, List<TruthEvent> Events, List<TruthBlink>? Blinks) Read(string path, IReadOnlyDictionary<string, string>? tierKinds = null)
    {
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception e) when (e is XmlException or IOException)
        {
            throw new FormatException($"{path} is not an ELAN document: {e.Message}");
        }
        var root = doc.Root is { Name.LocalName: "ANNOTATION_DOCUMENT" } r ? r : throw new FormatException($"{path} is not an ELAN document (no ANNOTATION_DOCUMENT)");
        var slots = root.Element("TIME_ORDER")?.Elements("TIME_SLOT")
            .Where(s => s.Attribute("TIME_VALUE") is not null)
            .ToDictionary(s => (string)s.Attribute("TIME_SLOT_ID")!, s => double.Parse((string)s.Attribute("TIME_VALUE")!, CultureInfo.InvariantCulture)) ?? [];
        var events = new List<TruthEvent>();
        List<TruthBlink>? blinks = null;
        var tiersRead = 0;
        foreach (var tier in root.Elements("TIER"))
        {
            var id = (string?)tier.Attribute("TIER_ID") ?? "";
            var kind = KindOf(id, tier.Attribute("PARENT_REF") is not null, tierKinds);
            if (kind is null) continue;
            tiersRead++;
            if (kind == Blink) blinks ??= []; // a blink tier with no annotation codes a video without blinks
            foreach (var a in tier.Elements("ANNOTATION").Elements("ALIGNABLE_ANNOTATION"))
            {
                double Time(string attribute) => slots.TryGetValue((string?)a.Attribute(attribute) ?? "", out var t)
                    ? t
                    : throw new FormatException($"{path}: an annotation on tier '{id}' has an unaligned {attribute}");
                var (onset, offset) = (Time("TIME_SLOT_REF1"), Time("TIME_SLOT_REF2"));
                if (kind == Blink)
                {
                    blinks!.Add(new TruthBlink(onset, offset));
                    continue;
                }
                var emotion = ((string?)a.Element("ANNOTATION_VALUE") ?? "").Trim().ToLowerInvariant();
                events.Add(new TruthEvent(kind, onset, double.NaN, offset, emotion, [], null, 0));
            }
        }
        if (tiersRead == 0)
            throw new FormatException(tierKinds is null
                ? $"{path} has no top-level tier named micro, macro or blink; name the tiers with --tier NAME=micro"
                : $"{path} has none of the tiers {string.Join(", ", tierKinds.Keys)}");
        var media = root.Element("HEADER")?.Element("MEDIA_DESCRIPTOR")?.Attribute("MEDIA_URL")?.Value;
        var video = media is null ? Path.GetFileNameWithoutExtension(path) : Path.GetFileNameWithoutExtension(Uri.UnescapeDataString(media));
        return (video, events.OrderBy(e => e.OnsetMs).ToList(), blinks?.OrderBy(b => b.OnsetMs).ToList());
    }

    /// <summary>The kind a tier of blinks is named with (<c>--tier NAME=blink</c>).</summary>
    public const string Blink = "blink";

    private static string? KindOf(string tier, bool dependent, IReadOnlyDictionary<string, string>? tierKinds)
    {
        if (tierKinds is not null) return tierKinds.TryGetValue(tier, out var kind) ? kind : null;
        if (dependent) return null;
        if (tier.Contains("micro", StringComparison.OrdinalIgnoreCase)) return "micro";
        if (tier.Contains("macro", StringComparison.OrdinalIgnoreCase)) return "macro";
        if (tier.Contains(Blink, StringComparison.OrdinalIgnoreCase)) return Blink;
        return null;
    }
}
