using System.Threading.Channels;

namespace FaceFlash.Pipeline.Delivery;

/// <summary>A bounded channel between two stages that applies a <see cref="DeliveryPolicy"/> and counts what it drops.</summary>
public sealed class FrameQueue<T>
{
    private long _dropped;

    public FrameQueue(int capacity, DeliveryPolicy policy, Action<T>? onDropped = null)
    {
        var options = new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = policy == DeliveryPolicy.EveryMessage ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
        };
        Channel = System.Threading.Channels.Channel.CreateBounded<T>(options, item =>
        {
            Interlocked.Increment(ref _dropped);
            onDropped?.Invoke(item);
        });
    }

    public Channel<T> Channel { get; }
    public ChannelReader<T> Reader => Channel.Reader;
    public ChannelWriter<T> Writer => Channel.Writer;
    public long Dropped => Interlocked.Read(ref _dropped);
}
