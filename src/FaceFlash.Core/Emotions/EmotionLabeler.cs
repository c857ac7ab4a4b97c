using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Emotions;

/// <summary>An event's emotion, its confidence in [0, 1], and the AUs present at its apex.</summary>
public readonly record struct EmotionLabel(Emotion Emotion, float Confidence, string Aus);

/// <summary>
/// Labels an event from its apex: the EMFACS rule scores, fused with how the emotion classifier's view of the face
/// changed from its view of the same face at rest (<see cref="ClassifierRest"/>). Only rises count: an emotion the
/// classifier already saw in the resting face says nothing about the movement, so a face it always calls happy does
/// not make every expression happiness, and one it never saw change leaves the rules alone. The classifier has no
/// contempt class; its weight grows with how far its view moved, up to <paramref name="classifierWeight"/>.
/// (Fusing its absolute probabilities, weighted by how non-neutral it found the face, vetoed a third of the
/// expressions on the tuning clips — those of faces it found emotional at rest — and named the emotion less often;
/// 0.5 rather than 0.3 kept more false flags out.)
/// </summary>
public sealed class EmotionLabeler(float classifierWeight = 0.5f)
{
    private readonly float[] _rules = new float[EmotionNames.All.Length];
    private readonly float[] _fused = new float[EmotionNames.All.Length];

    /// <param name="apex">AU intensities at the apex</param>
    /// <param name="measured">which of them were measured (a lab's model may estimate only some AUs)</param>
    /// <param name="classifier">classifier probabilities at the apex in <paramref name="labels"/> order, or empty when it did not run</param>
    /// <param name="rest">the classifier's mean probabilities for this face at rest, or empty when not known</param>
    public EmotionLabel Label(ReadOnlySpan<float> apex, ActionUnitSet measured, ReadOnlySpan<float> classifier, ReadOnlySpan<float> rest,
        IReadOnlyList<string> labels)
    {
        EmfacsRules.Score(apex, measured, _rules);
        var weight = 0f;
        Array.Clear(_fused);
        if (!classifier.IsEmpty && !rest.IsEmpty)
        {
            var risen = 0f;
            for (var i = 0; i < labels.Count; i++)
            {
                if (EmotionNames.FromClassifierLabel(labels[i]) is not { } e) continue;
                _fused[(int)e] = Math.Max(0, classifier[i] - rest[i]);
                risen += _fused[(int)e];
            }
            weight = classifierWeight * Math.Min(1, risen);
            if (risen > 0) for (var i = 0; i < _fused.Length; i++) _fused[i] /= risen;
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
