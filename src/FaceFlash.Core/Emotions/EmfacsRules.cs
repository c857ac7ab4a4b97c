using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Emotions;

/// <summary>An EMFACS prototype: its AUs, of which at least one key AU and <paramref name="MinPresent"/> in all must be present.</summary>
public sealed record Prototype(ActionUnit[] Aus, ActionUnit[] Keys, int MinPresent);

/// <summary>
/// EMFACS prototypes scored against the AU intensities at an event's apex. Intensities are taken relative to the
/// strongest AU, so a faint micro-expression scores like a full one of the same shape. A prototype applies only when
/// a key AU and enough of its AUs are present (a fifth of the strongest or more): movements such as speech, which
/// raise the upper lip or part the lips on their own, match none. Its score is the mean of its AUs' relative
/// intensities, less a share of the active AUs it does not explain (so fear, which contains surprise's AUs, wins
/// only when AU04 or AU20 are there); a prototype that explains a third of the active AUs or less does not apply.
/// Contempt is one-sided AU14 (with or without AU12) and scores only with asymmetry; a one-sided AU12 without the
/// cheek raise is not happiness either. Only measured AUs count: a prototype is scored on those of its AUs that the
/// estimator measures, and does not apply when none of its key AUs is measured. In a prototype with the jaw drop
/// (surprise, fear), the lips' AUs are explained by it while it is active (<see cref="DraggedByTheJaw"/>).
/// </summary>
public static class EmfacsRules
{
    private const float UnexplainedPenalty = 0.35f;

    /// <summary>
    /// A prototype must explain more than this share of the active AUs. Natural movement — talking, a hand at the
    /// chin, a head turn — moves many AUs that no single prototype accounts for; expressions move mostly their own.
    /// (At 0.5 a broader-warp synthetic set lost a third of its micro-expressions; 0.25 began to flag blinks.)
    /// </summary>
    private const float MinExplainedShare = 0.35f;

    /// <summary>
    /// A prototype's AU is present when it reaches this share of the strongest AU, its key AU as any other: a faint nose
    /// wrinkle beside a strong upper-lip raise still makes disgust. (Until the seventeenth session only the key AU
    /// counted from here and the others from a third, so a sad brow — AU01 2.4 with AU04 0.7, eight times its noise —
    /// matched nothing. Measured on the tuning sets: three expressions more found, a portrait surprise among them, and
    /// two more false flags, both parts of an injected anger; the untouched videos' flags unchanged.)
    /// </summary>
    private const float PresentShare = 0.2f;

    /// <summary>
    /// The lips and lip corners, which a dropping jaw drags with it and the 2-D templates then read as lip AUs: the
    /// muscle generator's surprises read AU12, AU23 and AU25 beside AU26, and matched surprise too weakly to be reported.
    /// (Measured on the tuning sets: the muscle portrait's micro hits 13 → 14 at 100 fps and 10 → 11 at 200 fps, one
    /// more macro hit at 25 fps; one more macro false flag on the blob overlays; the untouched videos' flags as before.)
    /// </summary>
    private static readonly ActionUnit[] DraggedByTheJaw =
        [ActionUnit.AU12, ActionUnit.AU14, ActionUnit.AU15, ActionUnit.AU20, ActionUnit.AU23, ActionUnit.AU25];

    public static readonly IReadOnlyDictionary<Emotion, Prototype[]> Prototypes = new Dictionary<Emotion, Prototype[]>
    {
        [Emotion.Happiness] = [new([ActionUnit.AU06, ActionUnit.AU12], [ActionUnit.AU12], 1)],
        [Emotion.Sadness] = [new([ActionUnit.AU01, ActionUnit.AU04, ActionUnit.AU15], [ActionUnit.AU01, ActionUnit.AU15], 2)],
        [Emotion.Surprise] = [new([ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU05, ActionUnit.AU26], [ActionUnit.AU01, ActionUnit.AU02], 2)],
        [Emotion.Fear] = [new([ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU20, ActionUnit.AU26], [ActionUnit.AU04, ActionUnit.AU20], 3)],
        [Emotion.Anger] = [new([ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU07, ActionUnit.AU23], [ActionUnit.AU04, ActionUnit.AU23], 2)],
        // 9+15+16 (AU16 is not estimated, so 9+15) or 9+10; the nose wrinkle is what makes it disgust.
        [Emotion.Disgust] =
        [
            new([ActionUnit.AU09, ActionUnit.AU15], [ActionUnit.AU09], 1),
            new([ActionUnit.AU09, ActionUnit.AU10], [ActionUnit.AU09], 1),
        ],
    };

    /// <summary>Scores in [0, 1] for every emotion, indexed by <see cref="Emotion"/>.</summary>
    public static void Score(ReadOnlySpan<float> apex, ActionUnitSet measured, Span<float> scores)
    {
        var strongest = ExpressionSignal.Of(apex, measured);
        scores.Clear();
        if (strongest <= 0) return;

        Span<float> relative = stackalloc float[ActionUnitInfo.Count];
        for (var i = 0; i < relative.Length; i++) relative[i] = Math.Clamp(apex[i] / strongest, 0, 1);
        relative[(int)ActionUnit.AU45] = 0; // a blink says nothing about the emotion

        float activeMass = 0;
        foreach (var au in ActionUnitInfo.Bilateral) activeMass += Active(relative, au);

        foreach (var (emotion, alternatives) in Prototypes)
        {
            var best = 0f;
            foreach (var prototype in alternatives)
            {
                float coverage = 0, explained = 0;
                int present = 0, keys = 0, scored = 0;
                foreach (var au in prototype.Aus)
                {
                    if (!measured.Contains(au)) continue;
                    scored++;
                    coverage += relative[(int)au];
                    explained += Active(relative, au);
                    if (relative[(int)au] >= PresentShare) present++;
                }
                foreach (var key in prototype.Keys)
                    if (relative[(int)key] >= PresentShare) keys++;
                if (Array.IndexOf(prototype.Aus, ActionUnit.AU26) >= 0 && measured.Contains(ActionUnit.AU26) && Active(relative, ActionUnit.AU26) > 0)
                    foreach (var lip in DraggedByTheJaw)
                        if (Array.IndexOf(prototype.Aus, lip) < 0) explained += Active(relative, lip);
                if (keys == 0 || present < Math.Min(prototype.MinPresent, scored) || explained <= MinExplainedShare * activeMass) continue;
                var score = coverage / scored - UnexplainedPenalty * (activeMass - explained) / activeMass;
                best = Math.Max(best, score);
            }
            scores[(int)emotion] = Math.Clamp(best, 0, 1);
        }
        var sides = Asymmetry(apex);
        scores[(int)Emotion.Contempt] = Contempt(sides, relative, activeMass);
        if (OneSidedSmileAlone(sides, relative)) scores[(int)Emotion.Happiness] = 0;
    }

    /// <summary>
    /// Beyond this <see cref="Asymmetry"/> (the weaker side under half the stronger) a lip-corner pull is one-sided.
    /// </summary>
    private const float OneSided = 0.5f;

    /// <summary>
    /// EMFACS's happiness is AU12 on both sides (with or without the cheek raise, AU06); a one-sided AU12 is listed
    /// with contempt, which needs the dimpler here. So one lip corner pulled alone, without the cheeks, is neither: on
    /// a face at rest or talking a lip corner moves on its own for many reasons. (Measured on the tuning sets: 8 false
    /// flags fewer — every one a one-sided AU12 reported as happiness on cap12, the camera set or a headtrackr clip —
    /// and no expression lost; with the weaker side under 0.6 of the stronger one false flag fewer again, under 0.7 a
    /// portrait smile lost; without the cheeks' exception, a smile lost on the camera set, two macro false flags fewer.)
    /// </summary>
    private static bool OneSidedSmileAlone((char Side, float Asymmetry) sides, ReadOnlySpan<float> relative) =>
        Active(relative, ActionUnit.AU06) == 0 && sides.Asymmetry > OneSided;

    /// <summary>Which side of a one-sided AU12/AU14 leads, and by how much (0 symmetric … 1 one-sided).</summary>
    public static (char Side, float Asymmetry) Asymmetry(ReadOnlySpan<float> apex)
    {
        var right = Math.Max(apex[(int)ActionUnit.AU12R], apex[(int)ActionUnit.AU14R]);
        var left = Math.Max(apex[(int)ActionUnit.AU12L], apex[(int)ActionUnit.AU14L]);
        var strong = Math.Max(right, left);
        return strong <= 0 ? ('R', 0) : (right >= left ? 'R' : 'L', Math.Abs(right - left) / strong);
    }

    private static float Contempt((char Side, float Asymmetry) sides, ReadOnlySpan<float> relative, float activeMass)
    {
        var (side, asymmetry) = sides;
        var twelve = relative[(int)(side == 'R' ? ActionUnit.AU12R : ActionUnit.AU12L)];
        var fourteen = relative[(int)(side == 'R' ? ActionUnit.AU14R : ActionUnit.AU14L)];
        // EMFACS's contempt is the dimpler on one side, with or without the smile's pull (R14, R12+R14): like every
        // prototype's key AU, AU14 must be there. A one-sided AU12 alone was contempt before: on the real faces of the
        // tuning sets 7 of 15 contempt reports had no AU14, and none of the 7 was a contempt (the portraits' 9 true
        // ones all carried AU14).
        if (fourteen < PresentShare) return 0;
        var coverage = Math.Max(twelve, fourteen) * 0.7f + Math.Min(twelve, fourteen) * 0.3f;
        var explained = Active(relative, ActionUnit.AU12) + Active(relative, ActionUnit.AU14);
        if (explained <= MinExplainedShare * activeMass) return 0;
        var score = coverage * asymmetry - UnexplainedPenalty * (activeMass - explained) / activeMass;
        return Math.Clamp(score, 0, 1);
    }

    // An AU "counts" towards the unexplained share when it reaches a third of the strongest.
    private static float Active(ReadOnlySpan<float> relative, ActionUnit au) => relative[(int)au] >= 1f / 3 ? relative[(int)au] : 0;
}
