namespace FaceFlash.Core.Scoring;

/// <summary>
/// How a clip's reported blinks (<c>&lt;stem&gt;.blinks.csv</c>) met its coded ones: found, missed, and reported where
/// none was coded. Scored only where the truth lists every blink in the video (<see cref="GroundTruth.BlinksComplete"/>).
/// </summary>
public sealed record BlinkDetection(IReadOnlyList<Interval> Coded, IReadOnlyList<Interval> Reported, IReadOnlyList<(int Coded, int Reported)> Pairs)
{
    public int Found => Pairs.Count;
    public int Missed => Coded.Count - Found;
    public int False => Reported.Count - Found;

    /// <summary>
    /// Matches each coded blink to at most one reported blink that overlaps it, the largest overlap (IoU) first, as
    /// blink detectors are scored: a blink lasts a few frames and where its closing starts is known to a frame or two
    /// at best, so any overlap counts, unlike the IoU ≥ 0.5 of expression spotting.
    /// </summary>
    public static BlinkDetection Match(IReadOnlyList<TruthBlink> coded, IReadOnlyList<Interval> reported)
    {
        var spans = coded.Select(b => new Interval(b.OnsetMs, b.OffsetMs)).ToList();
        return new BlinkDetection(spans, reported, IntervalMatching.Match(spans, reported, iou => iou > 0));
    }

    /// <summary>The clips' counts added up, as precision, recall and F1 (<see cref="KindScore"/>); null when no clip was scored.</summary>
    public static KindScore? Pool(IEnumerable<BlinkDetection?> clips)
    {
        var scored = clips.OfType<BlinkDetection>().ToList();
        return scored.Count == 0 ? null : new KindScore("blink", scored.Sum(b => b.Found), scored.Sum(b => b.False), scored.Sum(b => b.Missed));
    }
}
