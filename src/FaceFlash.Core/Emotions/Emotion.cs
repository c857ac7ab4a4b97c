namespace FaceFlash.Core.Emotions;

/// <summary>The seven universal emotions; <see cref="EmotionNames"/> gives the names written to files.</summary>
public enum Emotion { Happiness, Sadness, Anger, Fear, Disgust, Surprise, Contempt }

public static class EmotionNames
{
    public static readonly Emotion[] All = Enum.GetValues<Emotion>();

    public static string Name(Emotion e) => e.ToString().ToLowerInvariant();

    public static Emotion Parse(string name) =>
        Enum.TryParse<Emotion>(name, ignoreCase: true, out var e) ? e : throw new FormatException($"'{name}' is not one of {string.Join(", ", All.Select(Name))}");

    /// <summary>
    /// A coder's label as one of the seven, in any case and as noun or adjective ("Happy", "surprised", "afraid");
    /// null for a label outside them — CASME II's "others" and "repression", SAMM's "Other", "neutral", none — which
    /// FaceFlash never reports, so an event so coded cannot score its emotion.
    /// </summary>
    public static Emotion? FromCoding(string label) => label.Trim().ToLowerInvariant() switch
    {
        "happiness" or "happy" or "joy" => Emotion.Happiness,
        "sadness" or "sad" => Emotion.Sadness,
        "anger" or "angry" => Emotion.Anger,
        "fear" or "fearful" or "afraid" or "scared" => Emotion.Fear,
        "disgust" or "disgusted" => Emotion.Disgust,
        "surprise" or "surprised" => Emotion.Surprise,
        "contempt" or "contemptuous" => Emotion.Contempt,
        _ => null,
    };

    /// <summary>Maps the emotion classifier's labels (FER2013: angry, disgust, fear, happy, sad, surprise, neutral).</summary>
    public static Emotion? FromClassifierLabel(string label) => label switch
    {
        "angry" => Emotion.Anger,
        "disgust" => Emotion.Disgust,
        "fear" => Emotion.Fear,
        "happy" => Emotion.Happiness,
        "sad" => Emotion.Sadness,
        "surprise" => Emotion.Surprise,
        _ => null,
    };
}
