using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class FrameGapsTests
{
    [Fact]
    public void FramesAtAnyRegularRateLeaveNoGap()
    {
        var gaps = new FrameGaps(150);
        // 25 fps times as a container gives them, a frame's millisecond off and on included.
        for (var i = 0; i < 250; i++) gaps.Add(i * 40.0 + (i % 7 == 3 ? 1 : 0));
        Assert.Equal(0, gaps.Count);
        Assert.Null(gaps.Longest);
    }

    [Fact]
    public void EachPlaceWithFramesMissingIsCountedAndTheLongestNamed()
    {
        var gaps = new FrameGaps(150);
        double[] times = [0, 40, 80, 600, 640, 680, 900, 940, 2000, 2040];
        foreach (var t in times) gaps.Add(t);
        Assert.Equal(3, gaps.Count);
        Assert.Equal((1060.0, 940.0), gaps.Longest);
    }

    [Fact]
    public void AGapAsLongAsTheLimitIsNoGap()
    {
        var gaps = new FrameGaps(150);
        // 8 fps, 125 ms apart, then exactly 150 ms (read through doubles, as a container's time base gives it).
        foreach (var t in new[] { 0, 125, 250, 400.00000000001 }) gaps.Add(t);
        Assert.Equal(0, gaps.Count);
        gaps.Add(551);
        Assert.Equal(1, gaps.Count);
    }
}
