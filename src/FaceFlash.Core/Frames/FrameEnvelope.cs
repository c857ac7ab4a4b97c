namespace FaceFlash.Core.Frames;

/// <summary>
/// The one envelope a frame travels in, as in \psi: everything derived from the frame (faces, AUs, events, output
/// rows) carries this frame's originating time, so results are never re-timed by when they happened to be computed.
/// </summary>
/// <param name="Index">0-based position of the frame in its source (the CSV's 1-based <c>frame</c> column is this + 1).</param>
/// <param name="OriginatingTimeMs">
/// When the frame was taken, in ms from the start of the source: the container's presentation time for files, the
/// declared rate for image sequences, the grab clock for cameras and streams.
/// </param>
/// <param name="GrabbedAtMs">Reading of the pipeline's <see cref="Time.IClock"/> when the frame was grabbed (latencies).</param>
public readonly record struct FrameEnvelope(long Index, double OriginatingTimeMs, double GrabbedAtMs);
