using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Emotions;

/// <summary>An event's emotion, its confidence in [0, 1], and the AUs present at its apex.</summary>
public readonly record struct EmotionLabel(Emotion Emotion, float Confidence, string Aus);

/// <summary>
/// Labels an event from its apex: the EMFACS rule scores, fused with the emotion classifier's probabilities on the
/// apex frame when it ran. The classifier has no contempt class and sees a nearly neutral face during most
/// micro-expressions, so its weight shrinks with its own neutral probability.
/// </summary>
public sealed class EmotionLabeler(float classifierWeight = 0.3f)
{
    private readonly float[] _rules = new float[EmotionNames.All.Length];
    private readonly float[] _fused = new float[EmotionNames.All.Length];

    /// <param name="apex">AU intensities at the apex</param>
    /// <param name="measured">which of them were measured (a lab's model may estimate only some AUs)</param>
    /// <param name="classifier">classifier probabilities in <paramref name="labels"/> order, or empty when it did not run</param>
    public EmotionLabel Label(ReadOnlySpan<float> apex, ActionUnitSet measured, ReadOnlySpan<float> classifier, IReadOnlyList<string> labels)
    {
        EmfacsRules.Score(apex, measured, _rules);
        var weight = 0f;
        Array.Clear(_fused);
        if (!classifier.IsEmpty)
        {
            var neutral = 0f;
            for (var i = 0; i < labels.Count; i++)
            {
                if (EmotionNames.FromClassifierLabel(labels[i]) is { } e) _fused[(int)e] = classifier[i];
                else neutral += classifier[i];
            }
            weight = classifierWeight * (1 - neutral);
            var emotional = 1 - neutral;
            if (emotional > 0) for (var i = 0; i < _fused.Length; i++) _fused[i] /= emotional;
        }
        var best = Emotion.Happiness;
        var bestScore = -1f;
        for (var i = 0; i < _fused.Length; i++)
        {
            _fused[i] = (1 - weight) * _rules[i] + weight * _fused[i];
            if (_fused[i] > bestScore)
            {
                bestScore = _fused[i];
                best = (Emotion)i;
            }
        }
        return new EmotionLabel(best, Math.Clamp(bestScore, 0, 1), PresentAus(apex, best));
    }

    /// <summary>The best rule score alone (is this movement an emotional expression at all?).</summary>
    public float RuleScore(ReadOnlySpan<float> apex, ActionUnitSet measured)
    {
        EmfacsRules.Score(apex, measured, _rules);
        return _rules.Max();
    }

    /// <summary>"AU06+AU12": the bilateral AUs present at the apex; a one-sided AU12/AU14 is written with its side.</summary>
    public static string PresentAus(ReadOnlySpan<float> apex, Emotion emotion) => PresentAus(apex, emotion == Emotion.Contempt);

    /// <summary>The AUs present at the apex of a movement without a label; AU12/AU14 are written with their side when one side leads clearly.</summary>
    public static string PresentAus(ReadOnlySpan<float> apex) => PresentAus(apex, sidedAnyway: false);

    private static string PresentAus(ReadOnlySpan<float> apex, bool sidedAnyway)
    {
        var (side, asymmetry) = EmfacsRules.Asymmetry(apex);
        var sided = sidedAnyway || asymmetry > 0.6f;
        var parts = new List<string>();
        foreach (var au in ActionUnitInfo.Bilateral)
        {
            if (apex[(int)au] < ActionUnitInfo.PresenceThreshold) continue;
            parts.Add(sided && au is ActionUnit.AU12 or ActionUnit.AU14 ? $"{au}{side}" : au.ToString());
        }
        return string.Join('+', parts);
    }
}
