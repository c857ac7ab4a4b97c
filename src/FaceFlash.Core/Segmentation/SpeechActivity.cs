using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Whether a face is talking, from how its lips open and close: over the last seconds, the inner lips' gap (from the
/// landmarks, over the eye distance) must go well above its usual level (its 90th percentile at least
/// <c>minReach</c> over its median) and do so again and again — at least <c>minOpenings</c> separate openings, as
/// syllables make, where an expression opens the mouth once. The AUs of the lips and jaw tell this poorly: on several
/// GRID talkers the motion estimator's AU25 and AU26 barely moved while the lips visibly did, so their noise stayed at
/// its floor and the face counted as silent. Fixed memory: at most one sample per <see cref="SampleSpacingMs"/>; a
/// new recording needs <see cref="Reset"/>.
/// </summary>
public sealed class SpeechActivity(double windowMs, float minReach, int minOpenings)
{
    private const double SampleSpacingMs = 20;

    /// <summary>An opening is counted when the gap rises above the midpoint between its median and its 90th percentile
    /// by this share of that span, and ends when it falls as far below (so noise on the midpoint is not a syllable).</summary>
    private const float Hysteresis = 0.15f;

    private readonly RobustLevel _gap = new(windowMs, SampleSpacingMs);

    public void Add(double timestampMs, float lipGap)
    {
        // A sample no newer than the last one kept is one the batch look-ahead already gave (it replays what it learnt).
        if (!float.IsFinite(lipGap) || timestampMs <= _gap.NewestMs) return;
        _gap.Add(timestampMs, lipGap);
    }

    public bool Talking => _gap.Count > 0 && _gap.Reach >= minReach && Openings() >= minOpenings;

    /// <summary>How many separate openings the recent samples hold.</summary>
    public int Openings()
    {
        var span = _gap.Reach;
        var middle = _gap.Level + span / 2;
        var (above, below) = (middle + Hysteresis * span, middle - Hysteresis * span);
        var (openings, open) = (0, false);
        for (var k = 0; k < _gap.Count; k++)
        {
            var gap = _gap.Recent(k);
            if (!open && gap > above) (open, openings) = (true, openings + 1);
            else if (open && gap < below) open = false;
        }
        return openings;
    }

    public void Reset() => _gap.Reset();
}
