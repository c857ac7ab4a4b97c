using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Frames;

/// <summary>Everything FaceFlash found in one frame. Pooled: the last stage hands it back once written.</summary>
public sealed class FrameAnalysis
{
    /// <summary>0-based position of the frame in its source (the CSV's 1-based <c>frame</c> column is this + 1).</summary>
    public long Index { get; set; }

    /// <summary>Presentation time in milliseconds from the start of the source, or the grab clock for live sources.</summary>
    public double TimestampMs { get; set; }

    public List<FaceObservation> Faces { get; } = new(4);
}
