using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using FaceFlash.Vision.Capture;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock : IClock
{
    private double _now;
    public double NowMs => Volatile.Read(ref _now);
    public void Advance(double ms) => Interlocked.Exchange(ref _now, _now + ms);
}

/// <summary>
/// Tiny frames, each stamped <paramref name="intervalMs"/> after the last on the given clock (which it advances), with the
/// frame number written into the first pixel so a stage can tell frames apart. <paramref name="frames"/> null runs forever;
/// <paramref name="failAt"/> throws at that frame, as a broken decoder would.
/// </summary>
public sealed class FakeFrameSource(long? frames, double intervalMs, ManualClock clock, long? failAt = null) : IFrameSource
{
    private long _next;

    public int Width => 8;
    public int Height => 8;
    public long Read => Interlocked.Read(ref _next);

    /// <summary>Set once the last frame has been handed out.</summary>
    public ManualResetEventSlim Exhausted { get; } = new();

    FrameEnvelope? IFrameSource.Read(Mat image)
    {
        if (_next == frames)
        {
            Exhausted.Set();
            return null;
        }
        if (_next == failAt) throw new InvalidOperationException($"decoder failed at frame {failAt}");
        image.Create(Height, Width, MatType.CV_8UC3);
        image.SetTo(Scalar.All(_next % 256));
        clock.Advance(intervalMs);
        var index = Interlocked.Increment(ref _next) - 1;
        return new FrameEnvelope(index, index * intervalMs, clock.NowMs);
    }
}
