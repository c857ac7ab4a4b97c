using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// The matched events' emotions as a confusion matrix — coded emotion (rows) against reported emotion (columns), in
/// the seven emotions' order, only the emotions that occur — as expression-recognition papers give it: one accuracy
/// hides which emotions are taken for which (surprise for fear, disgust for anger).
/// </summary>
public static class EmotionConfusion
{
    /// <param name="scored">matched events whose coded and reported emotions are both among the seven</param>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Of(IEnumerable<(TruthEvent Truth, PredictedEvent Predicted)> scored)
    {
        var pairs = scored.Select(m => (Coded: EmotionNames.FromCoding(m.Truth.Emotion)!.Value, Reported: EmotionNames.FromCoding(m.Predicted.Emotion)!.Value)).ToList();
        var reported = EmotionNames.All.Where(e => pairs.Exists(p => p.Reported == e)).ToList();
        return EmotionNames.All.Where(e => pairs.Exists(p => p.Coded == e)).ToDictionary(EmotionNames.Name,
            coded => (IReadOnlyDictionary<string, int>)reported.ToDictionary(EmotionNames.Name, r => pairs.Count(p => p.Coded == coded && p.Reported == r)));
    }
}
