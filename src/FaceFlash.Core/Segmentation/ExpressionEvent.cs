using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Segmentation;

public enum EventKind { Micro, Macro }

/// <summary>
/// A flagged expression: its timing (ms from the start of the video; frames 1-based as in the frames CSV), kind,
/// emotion and AUs. <see cref="FlaggedAtMs"/> is the timestamp of the frame that completed it. <see cref="Truncated"/>:
/// the expression was still on the face when the video ended, the face was lost or its reference was retaken, so its
/// offset is the last frame seen and its duration a lower bound.
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
    bool Truncated = false)
{
    public double DurationMs => OffsetMs - OnsetMs;
    public string KindName => Kind == EventKind.Micro ? "micro" : "macro";
}

/// <summary>A blink: reported separately, never as an expression.</summary>
public sealed record BlinkEvent(int FaceId, double OnsetMs, double OffsetMs);

/// <summary>Why candidate movements were not reported, for the summary.</summary>
public sealed class SegmenterCounts
{
    public int TooShort { get; set; }
    public int EyelidOnly { get; set; }

    /// <summary>One side of the mouth moved, while the AU's own reading (the stronger side's) stayed within its band.</summary>
    public int OneSidedWithinBand { get; set; }
    public int HeadMotion { get; set; }
    public int NoEmotionMatch { get; set; }
    public int LowConfidence { get; set; }
    public int Speech { get; set; }

    public void Add(SegmenterCounts other)
    {
        TooShort += other.TooShort;
        EyelidOnly += other.EyelidOnly;
        OneSidedWithinBand += other.OneSidedWithinBand;
        HeadMotion += other.HeadMotion;
        NoEmotionMatch += other.NoEmotionMatch;
        LowConfidence += other.LowConfidence;
        Speech += other.Speech;
    }
}
