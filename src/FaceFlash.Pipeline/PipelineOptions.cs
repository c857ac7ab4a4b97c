using FaceFlash.Pipeline.Delivery;

namespace FaceFlash.Pipeline;

public sealed record PipelineOptions
{
    /// <summary>Frames that may wait between two stages.</summary>
    public int ChannelCapacity { get; init; } = 4;

    public DeliveryPolicy Delivery { get; init; } = DeliveryPolicy.EveryMessage;

    /// <summary>
    /// Most frames being processed at once (a flow limiter); null for no limit. Live sessions set it so that latency
    /// stays bounded: a busy pipeline leaves new frames in the input channel, where the oldest are dropped.
    /// </summary>
    public int? MaxInFlight { get; init; }
}
