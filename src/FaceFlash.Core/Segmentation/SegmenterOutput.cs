namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Where a segmenter puts what it concludes: the expressions and blinks it flags, and the candidate movements it judged
/// and did not report. In the pipeline this is the frame being processed (or the stream's end), so each conclusion
/// travels on the frame that reached it.
/// </summary>
public interface ISegmenterOutput
{
    List<ExpressionEvent> Events { get; }
    List<BlinkEvent> Blinks { get; }
    List<UnreportedMovement> Unreported { get; }
}

/// <summary>The three lists on their own, for a segmenter used outside the pipeline.</summary>
public sealed class SegmenterOutput : ISegmenterOutput
{
    public List<ExpressionEvent> Events { get; } = [];
    public List<BlinkEvent> Blinks { get; } = [];
    public List<UnreportedMovement> Unreported { get; } = [];
}
