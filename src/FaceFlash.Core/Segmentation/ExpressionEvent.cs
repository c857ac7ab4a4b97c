using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Segmentation;

public enum EventKind { Micro, Macro }

/// <summary>
/// A flagged expression: its timing (ms from the start of the video; frames 1-based as in the frames CSV), kind,
/// emotion and AUs. <see cref="FlaggedAtMs"/> is the timestamp of the frame that completed it. <see cref="Truncated"/>:
/// the expression was still on the face when the video ended or the face was lost, so its offset is the last frame
/// seen and its duration a lower bound (a movement in progress at a reference retake is abandoned, not reported).
/// </summary>
public sealed record ExpressionEvent(
    int FaceId,
    EventKind Kind,
    double OnsetMs,
    double ApexMs,
    double OffsetMs,
    Emotion Emotion,
    string Aus,
    float Confidence,
    double FlaggedAtMs,
    long OnsetFrame = 0,
    long OffsetFrame = 0,
    bool Truncated = false,
    long ApexFrame = 0)
{
    public double DurationMs => OffsetMs - OnsetMs;
    public string KindName => Kind == EventKind.Micro ? "micro" : "macro";
}

/// <summary>A blink: reported separately, never as an expression (frames 1-based, as in the frames CSV).</summary>
public sealed record BlinkEvent(int FaceId, double OnsetMs, double OffsetMs, long OnsetFrame = 0, long OffsetFrame = 0)
{
    /// <summary>
    /// The lids had not opened half way again when the video ended or the face was lost: the offset is the last frame
    /// seen and the duration a lower bound.
    /// </summary>
    public bool Truncated { get; init; }
}
