using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Synthesis;

/// <summary>An expression as it will be rendered: its truth record and the AUs to move.</summary>
public sealed record ScriptedEvent(TruthEvent Truth, ActionUnit[] Aus)
{
    /// <summary>
    /// 0 → 1 → 0 over the event: a smooth (raised-cosine) onset ramp over 40 % of it, the apex held over the middle
    /// 20 %, and an offset ramp over the last 40 %.
    /// </summary>
    public double Envelope(double ms) => ScriptTiming.Envelope(ms, Truth.OnsetMs, Truth.OffsetMs);
}

public static class ScriptTiming
{
    public const double RampShare = 0.4;

    public static double Envelope(double ms, double onset, double offset)
    {
        if (ms <= onset || ms >= offset) return 0;
        var u = (ms - onset) / (offset - onset);
        if (u < RampShare) return 0.5 - 0.5 * Math.Cos(Math.PI * u / RampShare);
        if (u > 1 - RampShare) return 0.5 - 0.5 * Math.Cos(Math.PI * (1 - u) / RampShare);
        return 1;
    }
}

/// <summary>The timeline of one clip: expressions and blinks, never overlapping, with calm between them.</summary>
public sealed record ExpressionScript(IReadOnlyList<ScriptedEvent> Events, IReadOnlyList<TruthBlink> Blinks)
{
    private const double MinGapMs = 700;

    /// <summary>AUs of each emotion's EMFACS prototype as the synthesiser renders it.</summary>
    public static ActionUnit[] AusOf(Emotion emotion, Random random, out string? side)
    {
        side = null;
        switch (emotion)
        {
            case Emotion.Happiness: return [ActionUnit.AU06, ActionUnit.AU12];
            case Emotion.Sadness: return [ActionUnit.AU01, ActionUnit.AU04, ActionUnit.AU15];
            case Emotion.Surprise: return [ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU05, ActionUnit.AU26];
            case Emotion.Fear: return [ActionUnit.AU01, ActionUnit.AU02, ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU20, ActionUnit.AU26];
            case Emotion.Anger: return [ActionUnit.AU04, ActionUnit.AU05, ActionUnit.AU07, ActionUnit.AU23];
            case Emotion.Disgust: return random.Next(2) == 0 ? [ActionUnit.AU09, ActionUnit.AU10] : [ActionUnit.AU09, ActionUnit.AU15];
            default:
                side = random.Next(2) == 0 ? "left" : "right";
                return side == "left" ? [ActionUnit.AU12L, ActionUnit.AU14L] : [ActionUnit.AU12R, ActionUnit.AU14R];
        }
    }

    public static ExpressionScript Generate(SynthOptions options, Random random)
    {
        var durationMs = options.DurationS * 1000;
        var kinds = Enumerable.Repeat("micro", options.MicroEvents).Concat(Enumerable.Repeat("macro", options.MacroEvents))
            .OrderBy(_ => random.Next()).ToList();
        var blinkCount = (int)Math.Round(options.BlinksPerMinute * options.DurationS / 60);
        var items = kinds.Concat(Enumerable.Repeat("blink", blinkCount)).OrderBy(_ => random.Next()).ToList();

        // Lay the items out in order with random calm gaps that share out the time left over — one gap before each item
        // and one after the last, so that a short clip's only expression is not always pushed to its end.
        var lengths = items.Select(k => k switch
        {
            "micro" => Uniform(random, options.MicroDurationMs),
            "macro" => Uniform(random, options.MacroDurationMs),
            _ => Uniform(random, (150, 350)),
        }).ToList();
        var spare = durationMs - options.LeadInMs - 500 - lengths.Sum() - MinGapMs * items.Count;
        if (spare < 0) throw new ArgumentException($"{items.Count} expressions and blinks do not fit in {options.DurationS} s; make the clip longer or ask for fewer");
        var weights = Enumerable.Range(0, items.Count + 1).Select(_ => random.NextDouble()).ToList();
        var scale = spare / Math.Max(weights.Sum(), 1e-9);

        var events = new List<ScriptedEvent>();
        var blinks = new List<TruthBlink>();
        var emotions = EmotionNames.All;
        var t = options.LeadInMs;
        for (var i = 0; i < items.Count; i++)
        {
            t += MinGapMs / 2 + weights[i] * scale;
            var (onset, offset) = (Math.Round(t, 1), Math.Round(t + lengths[i], 1));
            if (items[i] == "blink")
            {
                blinks.Add(new TruthBlink(onset, offset));
            }
            else
            {
                var emotion = emotions[random.Next(emotions.Length)];
                var aus = AusOf(emotion, random, out var side);
                var amplitude = Uniform(random, items[i] == "micro" ? options.MicroAmplitudePx : options.MacroAmplitudePx);
                var truth = new TruthEvent(items[i], onset, Math.Round((onset + offset) / 2, 1), offset, EmotionNames.Name(emotion),
                    aus.Select(a => a.ToString()).ToList(), side, Math.Round(amplitude, 2));
                events.Add(new ScriptedEvent(truth, aus));
            }
            t += lengths[i] + MinGapMs / 2;
        }
        return new ExpressionScript(events, blinks);
    }

    private static double Uniform(Random random, (double Min, double Max) range) => range.Min + random.NextDouble() * (range.Max - range.Min);
}
