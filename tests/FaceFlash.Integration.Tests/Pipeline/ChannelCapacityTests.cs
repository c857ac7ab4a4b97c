using FaceFlash.Pipeline;

namespace FaceFlash.Integration.Tests.Pipeline;

public sealed class ChannelCapacityTests
{
    [Theory]
    [InlineData(640, 480, 16)]   // small frames: deep channels
    [InlineData(1920, 1080, 8)]  // 6 MB frames: 48 MiB per channel
    [InlineData(3840, 2160, 4)]  // 4K: never fewer than 4
    public void ChosenByFrameSize(int width, int height, int expected) =>
        Assert.Equal(expected, PipelineOptions.CapacityFor(width, height));
}
