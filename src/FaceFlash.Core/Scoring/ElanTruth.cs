using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// Expressions coded by hand in ELAN: the time-aligned annotations of the chosen tiers, each tier a kind (micro or
/// macro), the annotation's text its emotion. By default the top-level tiers whose names contain "micro" or "macro"
/// are read; <c>--tier NAME=kind</c> names them instead. ELAN has no apex: matched events' apex error is not scored.
/// </summary>
public static class ElanTruth
{
    /// <summary>The video the document annotates (its media file's name without extension, else the .eaf's) and its coded events.</summary>
    public static (string Video, List<TruthEvent> Events) Read(string path, IReadOnlyDictionary<string, string>? tierKinds = null)
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
        var tiersRead = 0;
        foreach (var tier in root.Elements("TIER"))
        {
            var id = (string?)tier.Attribute("TIER_ID") ?? "";
            var kind = KindOf(id, tier.Attribute("PARENT_REF") is not null, tierKinds);
            if (kind is null) continue;
            tiersRead++;
            foreach (var a in tier.Elements("ANNOTATION").Elements("ALIGNABLE_ANNOTATION"))
            {
                double Time(string attribute) => slots.TryGetValue((string?)a.Attribute(attribute) ?? "", out var t)
                    ? t
                    : throw new FormatException($"{path}: an annotation on tier '{id}' has an unaligned {attribute}");
                var (onset, offset) = (Time("TIME_SLOT_REF1"), Time("TIME_SLOT_REF2"));
                var emotion = ((string?)a.Element("ANNOTATION_VALUE") ?? "").Trim().ToLowerInvariant();
                events.Add(new TruthEvent(kind, onset, double.NaN, offset, emotion, [], null, 0));
            }
        }
        if (tiersRead == 0)
            throw new FormatException(tierKinds is null
                ? $"{path} has no top-level tier named micro or macro; name the tiers with --tier NAME=micro"
                : $"{path} has none of the tiers {string.Join(", ", tierKinds.Keys)}");
        var media = root.Element("HEADER")?.Element("MEDIA_DESCRIPTOR")?.Attribute("MEDIA_URL")?.Value;
        var video = media is null ? Path.GetFileNameWithoutExtension(path) : Path.GetFileNameWithoutExtension(Uri.UnescapeDataString(media));
        return (video, events.OrderBy(e => e.OnsetMs).ToList());
    }

    private static string? KindOf(string tier, bool dependent, IReadOnlyDictionary<string, string>? tierKinds)
    {
        if (tierKinds is not null) return tierKinds.TryGetValue(tier, out var kind) ? kind : null;
        if (dependent) return null;
        if (tier.Contains("micro", StringComparison.OrdinalIgnoreCase)) return "micro";
        if (tier.Contains("macro", StringComparison.OrdinalIgnoreCase)) return "macro";
        return null;
    }
}
