using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class PresentationTimelineTests
{
    private static double[] Times(PresentationTimeline timeline, params double[] presentationMs) =>
        presentationMs.Select(timeline.Next).ToArray();

    [Fact]
    public void AFileWhoseTimesRunForwardKeepsThemAsTheyAre()
    {
        var timeline = new PresentationTimeline(25);
        // Variable rate: the times are the container's, never a frame index times an interval.
        Assert.Equal([0, 40, 73, 120, 161], Times(timeline, 0, 40, 73, 120, 161));
        Assert.Equal(0, timeline.Restarts);
        Assert.Equal(161, timeline.FurthestPresentationMs);
    }

    [Fact]
    public void APartThatStartsItsClockAgainFollowsOnOneFrameAfterTheFrameBefore()
    {
        var timeline = new PresentationTimeline(25);
        Assert.Equal([0, 40, 80, 120, 160, 200], Times(timeline, 0, 40, 80, 0, 40, 80));
        Assert.Equal(1, timeline.Restarts);
        Assert.Equal(80, timeline.FurthestPresentationMs); // in the file's own times, for skipping damage only forward
    }

    [Fact]
    public void ATimeBackwardsByLessThanHalfAFrameIsRoundingNotARestart()
    {
        var timeline = new PresentationTimeline(25);
        Assert.Equal([0, 40, 21, 60], Times(timeline, 0, 40, 21, 60));
        Assert.Equal(0, timeline.Restarts);
    }

    [Fact]
    public void AFrameWithoutATimeAfterTheFirstFollowsTheFrameBefore()
    {
        var timeline = new PresentationTimeline(25);
        // An MPEG-2 program stream's last frame reads 0: one interval on, not a restart, and no time to resume from.
        Assert.Equal([0, 40, 80, 120], Times(timeline, 0, 40, 80, 0));
        Assert.Equal(0, timeline.Restarts);
        Assert.Equal(80, timeline.FurthestPresentationMs);
    }

    [Fact]
    public void AContainerWithoutARateIsTakenAs25Fps()
    {
        var timeline = new PresentationTimeline(0);
        Assert.Equal(40, timeline.FrameIntervalMs);
        Assert.Equal([0, 33, 73], Times(timeline, 0, 33, 0));
    }

    [Fact]
    public void AHighSpeedExportIsScaledToTheRateItWasCapturedAtByItsFirstTwoFrames()
    {
        // 1000 fps exported to play at 3.125 fps (320 ms a frame), whose container declares a rounded 3.129.
        var timeline = new PresentationTimeline(3.129, captureFps: 1000);
        Assert.Equal(3.129 / 1000, timeline.TimeScale, 12); // the declared rate stands in until the second frame
        var times = Times(timeline, 0, 320, 640, 960, 320_000);
        Assert.Equal([0, 1, 2, 3, 1000], times.Select(t => Math.Round(t, 9)));
        Assert.Equal(1.0 / 320, timeline.TimeScale, 12);
        Assert.Equal(1000 / 3.129 / 320, timeline.FrameIntervalMs, 9);
    }

    [Fact]
    public void WithoutACaptureRateTheFilesTimesAreRealTime()
    {
        var timeline = new PresentationTimeline(30);
        Assert.Equal(1, timeline.TimeScale);
        Assert.True(double.IsNaN(timeline.FurthestPresentationMs));
        Assert.Equal(1000.0 / 30, timeline.FrameIntervalMs, 9);
    }
}
