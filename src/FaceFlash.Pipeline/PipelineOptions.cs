using FaceFlash.Pipeline.Delivery;

namespace FaceFlash.Pipeline;

public sealed record PipelineOptions
{
    /// <summary>Frames that may wait between two stages.</summary>
    public int ChannelCapacity { get; init; } = 4;

    public DeliveryPolicy Delivery { get; init; } = DeliveryPolicy.EveryMessage;
}
