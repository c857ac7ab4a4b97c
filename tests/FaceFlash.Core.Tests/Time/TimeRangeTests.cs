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
    public void TheProgressBarCountsTheFramesInTheRange(double fromMs, double toMs, int frameCount, double fps, int frames) =>
        Assert.Equal(frames, new TimeRange(fromMs, toMs).FramesOf(frameCount, fps));

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
