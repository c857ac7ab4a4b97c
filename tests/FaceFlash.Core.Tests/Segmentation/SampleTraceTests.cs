using System.Numerics;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

public sealed class SampleTraceTests
{
    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void HeadSpeedIsEyeDistancesPerSecondAndNotTheJitterOfHighFrameRates(double fps)
    {
        // A face 100 px across the eyes drifts 50 px a second (0.5 eye distances a second) while its landmarks jitter
        // by a pixel from frame to frame — at 200 fps, 1 px in 5 ms alone would read as 2 eye distances a second.
        var trace = new SampleTrace();
        var step = 1000 / fps;
        for (var k = 0; k <= 2 * fps; k++)
        {
            var t = k * step;
            var jitter = k % 2 == 0 ? 0.5f : -0.5f;
            trace.Add(t, 0, 0, new Vector2((float)(t / 1000 * 50) + jitter, 200), 100, 0, 1);
        }
        var (_, _, speed, _, _) = trace.Over(500, 1500);
        Assert.InRange(speed, 0.45f, 0.75f);
    }

    [Fact]
    public void ASpeedNeedsTwoSamplesABaselineApart()
    {
        var trace = new SampleTrace();
        trace.Add(0, 0, 0, new Vector2(0, 0), 100, 0, 1);
        trace.Add(10, 0, 0, new Vector2(50, 0), 100, 0, 1);
        Assert.Equal(0, trace.Over(0, 10).Speed);
        trace.Add(50, 0, 0, new Vector2(100, 0), 100, 0, 1);
        Assert.Equal(12.5f, trace.Over(50, 50).Speed, 3); // half an eye distance in the 40 ms since the sample at 10 ms
    }
}
