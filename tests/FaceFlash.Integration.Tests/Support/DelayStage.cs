using FaceFlash.Pipeline.Frames;
using FaceFlash.Pipeline.Stages;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>A stage that only takes time: stands in for a slow machine when testing that live mode drops frames and keeps up.</summary>
public sealed class DelayStage(double delayMs) : IFrameStage
{
    public string Name => "delay";

    public void Process(FramePacket packet) => Thread.Sleep(TimeSpan.FromMilliseconds(delayMs));

    public void Dispose() { }
}
