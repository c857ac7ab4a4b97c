using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Time;

public sealed class TimeRangeTests
{
    [Fact]
    public void ARangeHoldsItsBothEnds()
    {
        var range = new TimeRange(2000, 4000);
        Assert.True(range.Contains(2000));
        Assert.True(range.Contains(4000));
        Assert.False(range.Contains(1999.9));
        Assert.False(range.Contains(4000.1));
    }

    [Theory]
    [InlineData(0, double.PositiveInfinity, 100, 25, 100)] // the whole file: every frame
    [InlineData(2000, double.PositiveInfinity, 100, 25, 50)] // frames at 2.00 … 3.96 s of a 4 s file
    [InlineData(2000, 4000, 250, 25, 51)] // 2.00 … 4.00 s of a 10 s file, both ends held
    [InlineData(2000, 4000, 100, 25, 50)] // the range runs past the file's last frame
    [InlineData(5000, 6000, 100, 25, 0)] // past the file's end
    [InlineData(0, 10, 100, 200, 3)] // 0, 5 and 10 ms at 200 fps
    [InlineData(3960, double.PositiveInfinity, 100, 25, 1)] // the last frame alone
    [InlineData(3970, double.PositiveInfinity, 100, 25, 0)] // after the last frame, before the file's nominal end
    [InlineData(1010, 1030, 100, 25, 0)] // between two frames
    [InlineData(1000.0 / 3, 2000.0 / 3, 100, 30, 11)] // frames 10 … 20 at 30 fps, times rounded as milliseconds are
    public void TheProgressBarCountsTheFramesInTheRange(double fromMs, double toMs, int frameCount, double fps, int frames) =>
        Assert.Equal(frames, new TimeRange(fromMs, toMs).FramesOf(frameCount, fps));

    [Fact]
    public void TheFramesOfARangeAreFromTheFirstAtOrAfterItsStartToTheLastAtOrBeforeItsEnd()
    {
        Assert.Equal((0L, 99L), new TimeRange(0, double.PositiveInfinity).Indexes(25, 99));
        Assert.Equal((5L, 12L), new TimeRange(180, 500).Indexes(25, 99)); // 200 … 480 ms
        Assert.Equal((13L, 12L), new TimeRange(500, 510).Indexes(25, 99)); // none: 520 ms is past the end
    }

    [Fact]
    public void AFileThatDoesNotSayHowManyFramesItHoldsGivesNoCount()
    {
        Assert.Null(new TimeRange(0, 1000).FramesOf(null, 25));
        Assert.Null(new TimeRange(0, 1000).FramesOf(100, 0));
    }

    [Fact]
    public void ARangeIsWrittenInSeconds()
    {
        Assert.Equal("2.5–4 s", new TimeRange(2500, 4000).ToString());
        Assert.Equal("from 0.04 s", new TimeRange(40, double.PositiveInfinity).ToString());
    }
}
