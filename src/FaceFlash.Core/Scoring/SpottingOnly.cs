using System.Text.Json;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// Spotting scored as MEGC scores it, where the emotion does not count (<c>faceflash eval --spotting-only</c>): the
/// movements the analysis left out only for their emotion — no prototype matched, or too weakly — count as predicted
/// intervals too, without an emotion or an apex. Their kind follows from their duration and the micro-expression
/// bound the analysis used (its summary's <c>segmenter.micro_max_ms</c>).
/// </summary>
public static class SpottingOnly
{
    /// <summary>The reasons that concern the emotion alone; every other check (speech, lids, head motion …) still holds.</summary>
    public static readonly string[] EmotionReasons = [NotReportedReason.NoEmotionMatch.Name(), NotReportedReason.LowConfidence.Name()];

    public static IEnumerable<PredictedEvent> Candidates(IEnumerable<UnreportedRow> unreported, double microMaxMs) =>
        unreported.Where(u => EmotionReasons.Contains(u.Reason)).Select(u =>
            new PredictedEvent(Time.Durations.AtMost(u.OffsetMs - u.OnsetMs, microMaxMs) ? "micro" : "macro", u.OnsetMs, double.NaN, u.OffsetMs, ""));

    private static readonly double DefaultMicroMaxMs = new SegmenterOptions().MicroMaxMs;

    /// <summary>The micro-expression bound a run used, from its summary; the default bound when the summary does not say.</summary>
    public static double MicroMaxMs(string summaryPath)
    {
        if (!File.Exists(summaryPath)) return DefaultMicroMaxMs;
        using var json = JsonDocument.Parse(File.ReadAllText(summaryPath));
        return json.RootElement.TryGetProperty("segmenter", out var s) && s.TryGetProperty("micro_max_ms", out var m) && m.ValueKind == JsonValueKind.Number
            ? m.GetDouble()
            : DefaultMicroMaxMs;
    }
}
