namespace FaceFlash.Core.Emotions;

/// <summary>
/// How the emotion classifier sees one face at rest: the running mean of its probabilities on frames where no AU is
/// moving, forgetting with a time constant of <paramref name="timeConstantMs"/>. The classifier judges a face as it
/// looks, and many faces look sad, afraid or happy to it while they do nothing (it read the muscle generator's portrait
/// as happy with certainty on every frame, and the GRID talkers as sad or afraid); what a movement says is how that
/// view changed (<see cref="EmotionLabeler"/>). <see cref="Reset"/> forgets the face.
/// </summary>
public sealed class ClassifierRest(int labels, double timeConstantMs = 2000)
{
    private readonly float[] _mean = new float[labels];
    private double _lastMs = double.NaN;

    /// <summary>Whether the face has been classified at rest since it was first seen or last reset.</summary>
    public bool Known => !double.IsNaN(_lastMs);

    /// <summary>The mean probabilities at rest, in the classifier's label order; empty until <see cref="Known"/>.</summary>
    public ReadOnlySpan<float> Mean => Known ? _mean : [];

    public void Add(double timestampMs, ReadOnlySpan<float> probabilities)
    {
        if (!Known) probabilities.CopyTo(_mean);
        else
        {
            // Weighted by the time since the last look, so the mean forgets at the same pace at any frame rate or cadence.
            var share = (float)(1 - Math.Exp(-Math.Max(0, timestampMs - _lastMs) / timeConstantMs));
            for (var i = 0; i < _mean.Length; i++) _mean[i] += share * (probabilities[i] - _mean[i]);
        }
        _lastMs = timestampMs;
    }

    public void Reset() => _lastMs = double.NaN;
}
