using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Frames;

/// <summary>
/// What the stages conclude when the stream ends (completed or cancelled, never after a failure): the expressions
/// still on a face at the last frame, reported truncated. The sinks write it before they commit.
/// </summary>
public sealed class StreamEnd : ISegmenterOutput
{
    public List<ExpressionEvent> Events { get; } = [];

    /// <summary>Blinks found only at the end (a face seen for less than the batch look-ahead).</summary>
    public List<BlinkEvent> Blinks { get; } = [];

    /// <summary>Candidate movements judged at the end and not reported.</summary>
    public List<UnreportedMovement> Unreported { get; } = [];
}
