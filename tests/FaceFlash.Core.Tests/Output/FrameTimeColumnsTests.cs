using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Tests.Output;

public sealed class FrameTimeColumnsTests
{
    private sealed class FixedClock(double nowMs) : IClock
    {
        public double NowMs => nowMs;
    }

    [Fact]
    public void ARowIsPlacedByItsFrameItsOriginatingTimeAndTheWallClockAtGrab()
    {
        // The wall clock is anchored when made, at monotonic 10 000 ms: a frame grabbed 1 234.5 ms later is that much
        // later in UTC, whatever the system clock does meanwhile.
        var before = DateTimeOffset.UtcNow;
        var wall = new WallClock(new FixedClock(10_000));
        var after = DateTimeOffset.UtcNow;
        var text = new StringWriter();
        var row = new CsvRowWriter(text);
        FrameTimeColumns.Write(row, new FrameEnvelope(41, 1640.25, 11_234.5), wall);
        row.EndRow();
        var fields = text.ToString().TrimEnd().Split(',');
        Assert.Equal(FrameTimeColumns.Header.Split(',').Length, fields.Length);
        Assert.Equal(["42", "1640.25"], fields[..2]); // 1-based, as the frames file numbers frames
        var utc = DateTimeOffset.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", fields[2]);
        Assert.InRange(utc, before.AddMilliseconds(1233.5), after.AddMilliseconds(1234.5)); // written to the millisecond, not rounded up
        Assert.Equal(utc.ToUnixTimeMilliseconds(), long.Parse(fields[3]));
    }
}
