using FaceFlash.Core.Time;

namespace FaceFlash.Core.Segmentation;

/// <summary>Thresholds and durations of the onset/apex/offset segmenter. Times in milliseconds, intensities on the 0–5 AU scale.</summary>
public sealed record SegmenterOptions
{
    /// <summary>Shortest micro-expression (1/25 s).</summary>
    public double MicroMinMs { get; init; } = 40;

    /// <summary>Longest micro-expression (1/5 s); the MEGC convention uses <see cref="MegcMicroMaxMs"/>.</summary>
    public double MicroMaxMs { get; init; } = 200;

    /// <summary>The longest micro-expression in the MEGC spotting challenges.</summary>
    public const double MegcMicroMaxMs = 500;

    /// <summary>
    /// Longer than this, a change is a new resting face (a change of posture or light), not an expression; up to it,
    /// a long display (a laugh, a cry) is a macro-expression with its duration.
    /// </summary>
    public double LongestDisplayMs { get; init; } = ActionUnits.NeutralBaseline.LongestDisplayMs;

    /// <summary>
    /// An expression starts when an AU rises this far above its own noise band (<see cref="NoiseMultiple"/> times its
    /// noise above its local level; see <see cref="AuActivity"/>).
    /// </summary>
    public float OnsetThreshold { get; init; } = 0.45f;

    /// <summary>
    /// A movement whose frames' tracking confidence (FaceMesh's presence times how much the face still looks like itself)
    /// averages below this is not reported (<see cref="NotReportedReason.UnclearFace"/>): the tracker itself saw the face
    /// poorly. On the project's cap13 test a card over the eyes reads about 0.4 and a blurred face 0.45, while 97–98 %
    /// of clear faces' frames read 0.8 or more; no frame inside an injected expression in the tuning sets reads under
    /// 0.5. The levels and noise still learn from every frame. 0 reports movements however the face was seen.
    /// </summary>
    public float MinTrackingConfidence { get; init; } = 0.5f;

    /// <summary>Each AU's local level and noise are taken over this much of its recent past.</summary>
    public double LevelWindowMs { get; init; } = 5000;

    /// <summary>How many of its noise standard deviations an AU must rise above its level before it counts at all.</summary>
    public float NoiseMultiple { get; init; } = 3;

    /// <summary>An AU with no pulse of its own joins an expression's AUs when it rose this many noise deviations at its apex.</summary>
    public float ApexNoiseMultiple { get; init; } = 4;

    /// <summary>Pulses of different AUs whose onsets are this close are one expression (AUs of one expression start together).</summary>
    public double GroupOnsetMs { get; init; } = 60;

    /// <summary>
    /// … or within this share of the earliest pulse's duration, when that is longer. (At half, an AU that set off two
    /// thirds into a 120 ms movement made a second, overlapping event on the tuning clips; at one, fewer were found.)
    /// </summary>
    public double GroupOnsetShare { get; init; } = 0.75;

    /// <summary>The face is talking while the lips' or the jaw's noise (AU25, AU26) is at least this, or while its lips
    /// open and close as in speech (<see cref="SpeechLipReach"/>, <see cref="SpeechOpenings"/>).</summary>
    public float SpeechNoise { get; init; } = 0.25f;

    /// <summary>
    /// … the inner lips' gap, over the eye distance, going at least this far above its median (its 90th percentile
    /// over <see cref="LevelWindowMs"/>; <see cref="SpeechActivity"/>). Measured on the shared clips: 0.020–0.060 on
    /// the GRID talkers' 3 s, 0.088 (median over 5 s windows) while cap12's man talks and 0.004 once he stops,
    /// 0.004–0.008 on the silent headtrackr webcam clips.
    /// </summary>
    public float SpeechLipReach { get; init; } = 0.015f;

    /// <summary>
    /// … in at least this many separate openings within <see cref="LevelWindowMs"/> (an expression opens the mouth
    /// once). On the tuning sets 4 found one more injected expression on the muscle overlays and on the small faces and
    /// made one fewer macro false flag than speech told from AU25/AU26 alone, with the untouched videos' flags as they
    /// were (3: one more flag; 5: as without it; a reach of 0.01 or 0.02 instead of 0.015: the same as 0.015).
    /// </summary>
    public int SpeechOpenings { get; init; } = 4;

    /// <summary>Least noise assumed for an AU (intensity units), so that a perfectly still AU is not infinitely sensitive.</summary>
    public float NoiseFloor { get; init; } = 0.05f;

    /// <summary>Back at rest below the larger of this level and <see cref="RestFraction"/> of the apex.</summary>
    public float RestLevel { get; init; } = 0.25f;

    public float RestFraction { get; init; } = 0.2f;

    /// <summary>AU45 intensity that makes a blink; eyelid closure is large, so this is well above the expression threshold.</summary>
    public float BlinkThreshold { get; init; } = 0.9f;

    public double BlinkMaxMs { get; init; } = 700;

    /// <summary>
    /// A blink is over once the lids are back half way open (the lid closure under this share of its deepest), as a
    /// coder marks its end. With <see cref="RestFraction"/>'s fifth, two blinks a few frames apart — the lids not yet
    /// open between them — ran into one closure longer than <see cref="BlinkMaxMs"/>, which is no blink: on the GRID
    /// talkers coded by eye (benchmarks/real-blinks, tuning part) both of bbaf2n's were lost so.
    /// </summary>
    public float BlinkRestFraction { get; init; } = 0.5f;

    /// <summary>
    /// A gap between a face's samples longer than this (frames dropped while recorded, or live) ends the movements in
    /// progress: they cannot be followed across it, and are reported as they stood before it, truncated.
    /// </summary>
    public double MaxGapMs { get; init; } = 150;

    /// <summary>
    /// Out-of-plane head rotation (yaw range, radians) during an event beyond which it is head motion
    /// (<see cref="Faces.HeadRotationLimits"/>). The pose comes from landmarks that large brow and lid movements also
    /// shift, so a tighter limit rejects real expressions.
    /// </summary>
    public float MaxHeadYawRad { get; init; } = Faces.HeadRotationLimits.EventRange;

    /// <summary>The same for pitch (a nod), held tighter (<see cref="Faces.HeadRotationLimits.EventPitchRange"/>).</summary>
    public float MaxHeadPitchRad { get; init; } = Faces.HeadRotationLimits.EventPitchRange;

    /// <summary>
    /// Head speed (eye-corner distances per second) during an event beyond which it is head motion: a face moving
    /// that fast blurs, and the flow, which follows each point within a small window, reads part of the movement as
    /// the face's own. (On the tuning clips no expression found moved faster than 1.5; movements reported at 2–5 on the
    /// headtrackr webcam clips were a head jerking sideways.)
    /// </summary>
    public float MaxHeadSpeed { get; init; } = 2f;

    /// <summary>An event must match an EMFACS prototype at least this well to be reported (speech and fidgeting do not).</summary>
    public float MinRuleScore { get; init; } = 0.3f;

    /// <summary>
    /// When an expression's emotion is judged, an AU that has recently gone further than this above its level as a
    /// matter of course (its reach: the lips and jaw in speech) counts its rise scaled by this over its reach, so a
    /// brow movement made while talking is judged by the brows, not by the word said at the same moment.
    /// </summary>
    public float LabelReach { get; init; } = 0.3f;

    /// <summary>Events whose label confidence (rules fused with the classifier) is below this are not reported.</summary>
    public float MinConfidence { get; init; } = 0.4f;

    /// <summary>
    /// After a face is first seen or its reference is retaken, each AU's level and noise need this long to form; movements
    /// that start earlier are not reported.
    /// </summary>
    public double WarmUpMs { get; init; } = 1000;

    /// <summary>
    /// Batch analysis looks this far ahead when a face appears (or its reference is retaken): each AU's level and noise
    /// are formed from this much of what follows, so the <see cref="WarmUpMs"/> is not needed and a movement in a
    /// clip's first second counts. 0 keeps the segmenter causal, as live analysis must be.
    /// </summary>
    public double LookAheadMs { get; init; } = 3000;

    /// <summary>How long the signal must stay at rest before an offset is final (a noisy return is not two events).</summary>
    public double OffsetHoldMs { get; init; } = 60;

    /// <summary>The longest wait from onset to the flag of a micro-expression (the look-ahead bound).</summary>
    public double MicroFlagBoundMs => MicroMaxMs + 100;

    /// <summary>Whether every frame at <paramref name="fps"/> lies further from the next than a movement is followed across.</summary>
    public bool TooSlowToFollow(double fps) => fps > 0 && Durations.Over(1000 / fps, MaxGapMs);

    /// <summary>
    /// What a frame rate can resolve: null when fine, else a one-line warning. Onsets and offsets are known only to
    /// a frame interval, and an event needs at least two intervals to show a rise and a fall; frames further apart than
    /// <see cref="MaxGapMs"/> show none.
    /// </summary>
    public string? ResolutionWarning(double fps)
    {
        if (!(fps > 0)) return null;
        var interval = 1000 / fps;
        if (MicroMinMs >= 2 * interval) return null;
        if (TooSlowToFollow(fps))
            return $"at {fps:0.#} fps frames are {interval:0.#} ms apart, further than a movement is followed across ({MaxGapMs:0} ms): " +
                   $"no expression or blink can be found; {2000 * 1 / MicroMinMs:0} fps or more resolves micro-expressions";
        var frames = MicroMinMs / interval;
        return $"at {fps:0.#} fps frames are {interval:0.#} ms apart: a {MicroMinMs:0} ms micro-expression spans {frames:0.#} frame(s), " +
               $"so the shortest ones can be missed and onset/offset times are only known to ±{interval:0} ms; " +
               $"{2000 * 1 / MicroMinMs:0} fps or more resolves them";
    }
}
