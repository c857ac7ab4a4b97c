namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// When the emotion classifier looks at one face: on every frame where the face moves enough to be a candidate
/// expression (its apex is labelled from that look), and otherwise every <see cref="RestEveryMs"/>, so that the
/// segmenter knows how the classifier sees this face at rest (<see cref="Core.Emotions.ClassifierRest"/>).
/// </summary>
public sealed class ClassifierSchedule
{
    /// <summary>A resting face changes its look over seconds; five looks a second follow it at a fraction of the cost of every frame.</summary>
    public const double RestEveryMs = 200;

    private double _lastMs = double.NegativeInfinity;

    public bool Due(double nowMs, bool moving)
    {
        if (!moving && nowMs - _lastMs < RestEveryMs) return false;
        _lastMs = nowMs;
        return true;
    }
}
