using FaceFlash.Pipeline.Delivery;

namespace FaceFlash.Pipeline;

public sealed record PipelineOptions
{
    /// <summary>Frames that may wait between two stages; null chooses by frame size (<see cref="CapacityFor"/>).</summary>
    public int? ChannelCapacity { get; init; }

    /// <summary>Decoded frames the channels may hold, per channel, when the capacity is chosen by frame size.</summary>
    public const long FrameBytesPerChannel = 48L << 20;

    /// <summary>
    /// Deep channels let the stages ride out uneven frames (a FaceMesh frame costs eight carried ones) without
    /// stalling capture — 16 frames measured about 7 % faster than 4 at 640×480 — but each holds decoded frames, so
    /// large frames get fewer: 16 at 640×480, 8 at 1080p, 4 (the least) at 4K.
    /// </summary>
    public static int CapacityFor(int width, int height) =>
        (int)Math.Clamp(FrameBytesPerChannel / Math.Max(1L, 3L * width * height), 4, 16);

    public DeliveryPolicy Delivery { get; init; } = DeliveryPolicy.EveryMessage;

    /// <summary>
    /// Whether a cancelled run commits what it processed (the default: rows written stay valid). Off when the run
    /// would replace a complete earlier result, which only a complete run may do.
    /// </summary>
    public bool CommitWhenCancelled { get; init; } = true;

    /// <summary>
    /// Most frames being processed at once (a flow limiter); null for no limit. Live sessions set it so that latency
    /// stays bounded: a busy pipeline leaves new frames in the input channel, where the oldest are dropped.
    /// </summary>
    public int? MaxInFlight { get; init; }
}
