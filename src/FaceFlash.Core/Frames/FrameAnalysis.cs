using FaceFlash.Core.Faces;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Frames;

/// <summary>Everything FaceFlash found in one frame. Pooled: the last stage hands it back once written.</summary>
public sealed class FrameAnalysis : ISegmenterOutput
{
    public FrameEnvelope Envelope { get; set; }

    /// <summary>The envelope's frame index (see <see cref="FrameEnvelope.Index"/>).</summary>
    public long Index => Envelope.Index;

    /// <summary>The envelope's originating time in ms (see <see cref="FrameEnvelope.OriginatingTimeMs"/>).</summary>
    public double TimestampMs => Envelope.OriginatingTimeMs;

    public List<FaceObservation> Faces { get; } = new(4);

    /// <summary>Expressions the segmentation stage flagged on this frame (each ended at or before it).</summary>
    public List<ExpressionEvent> Events { get; } = [];

    /// <summary>Blinks the segmentation stage flagged on this frame.</summary>
    public List<BlinkEvent> Blinks { get; } = [];

    /// <summary>Candidate movements the segmentation stage judged on this frame and did not report.</summary>
    public List<UnreportedMovement> Unreported { get; } = [];

    /// <summary>
    /// The faces whose levels were still forming on this frame (<see cref="ExpressionSegmenter.FormingLevels"/>): live,
    /// nothing they do now can be reported, which the overlay and the control room say.
    /// </summary>
    public List<int> FormingLevels { get; } = [];
}
