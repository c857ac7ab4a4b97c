using FaceFlash.Core.Time;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// How often the faces' AU references were retaken (<see cref="ReferenceRetake"/>) against how long the faces were
/// followed, for the summary. A movement in progress at a retake is not reported, and live analysis reports nothing
/// for a second after one, so a face that comes nearer and goes away, turns far or is lost again and again leaves
/// little that can be measured: on the headtrackr webcam capture whose man moves most the reference was retaken
/// about once every 1.6 s, and injected expressions were found there hardly at all (the README's known limitations).
/// The summary warns of it, so that few events are not read as few expressions.
/// </summary>
/// <param name="maxGapMs">frames of a face further apart than this are not counted as time it was followed</param>
public sealed class ReferenceRetakes(double maxGapMs)
{
    /// <summary>
    /// Retakes a minute of face time from which the summary warns: one every 3 s. The shared videos of faces that stay
    /// about where they are lie well under it (GRID none, cap12 11 a minute, cap13 8, headtrackr capture4 13); the
    /// capture whose man moves most (38), the handheld selfie, the event video (a group, small faces) and the film
    /// excerpt over it.
    /// </summary>
    public const double WarnFromPerMinute = 20;

    /// <summary>Fewer retakes than this are no pattern, however short the face's time.</summary>
    public const int WarnFromCount = 5;

    private readonly Dictionary<int, double> _lastSeenMs = [];

    /// <summary>References retaken on a face already followed (a face's first reference is not counted).</summary>
    public int Count { get; private set; }

    /// <summary>Time the faces were followed, summed over faces, leaving out places where a face's frames lie over <c>maxGapMs</c> apart.</summary>
    public double FaceTimeMs { get; private set; }

    /// <summary>A face's frame, in the order frames are read: whether its reference was taken on this frame.</summary>
    public void Add(int faceId, double timestampMs, bool referenceTaken)
    {
        if (_lastSeenMs.TryGetValue(faceId, out var lastMs))
        {
            if (referenceTaken) Count++;
            var intervalMs = timestampMs - lastMs;
            if (intervalMs > 0 && !Durations.Over(intervalMs, maxGapMs)) FaceTimeMs += intervalMs;
        }
        _lastSeenMs[faceId] = timestampMs;
    }

    /// <summary>One line for the summary's warnings where the references were retaken often; null otherwise.</summary>
    /// <param name="unmeasuredS">the seconds of face time in which nothing could be measured (the summary's <c>unmeasured_s</c>),
    /// said too where there are any: most of a face whose references are retaken again and again can be that</param>
    public string? Warning(double unmeasuredS)
    {
        var minutes = FaceTimeMs / 60_000;
        if (Count < WarnFromCount || Count < WarnFromPerMinute * minutes) return null;
        return $"the faces' AU references were retaken {Count} times in {FaceTimeMs / 1000:0.#} s of face time (once every " +
               $"{FaceTimeMs / 1000 / Count:0.#} s; a face coming nearer or moving away, turning far, or lost by the tracker): a movement in " +
               "progress at a retake is not reported (its row in unreported.csv says reference_retaken)" +
               (unmeasuredS > 0 ? $", and {unmeasuredS:0.#} s of that time could not be measured at all (the summary's unmeasured lists where)" : "") +
               ", so expect few of the expressions there to be found";
    }
}
