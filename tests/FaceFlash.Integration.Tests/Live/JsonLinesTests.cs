using System.Text.Json;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Time;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline.Live;

namespace FaceFlash.Integration.Tests.Live;

/// <summary><c>live --jsonl</c>: an event's line, as other lab software reads it.</summary>
public sealed class JsonLinesTests
{
    [Fact]
    public void AnEventsLineHasItsTimesAndFramesAndTheFrameThatFlaggedIt()
    {
        var output = new StringWriter();
        var writer = new JsonLinesWriter(output, new WallClock(new ManualClock()));
        var smile = new ExpressionEvent(2, EventKind.Micro, 1000, 1040, 1120, Emotion.Happiness, "AU06+AU12", 0.8f, 1200, 26, 29, ApexFrame: 27);
        writer.Event(smile, latencyMs: 35, new FrameEnvelope(30, 1200, 1235));
        var line = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal("event", line.GetProperty("type").GetString());
        Assert.Equal((1000, 1040, 1120), (line.GetProperty("onset_ms").GetDouble(), line.GetProperty("apex_ms").GetDouble(), line.GetProperty("offset_ms").GetDouble()));
        Assert.Equal((26, 27, 29), (line.GetProperty("onset_frame").GetInt64(), line.GetProperty("apex_frame").GetInt64(), line.GetProperty("offset_frame").GetInt64()));
        Assert.Equal(31, line.GetProperty("frame").GetInt64()); // the frame that completed it, 1-based
        Assert.Equal("AU06+AU12", line.GetProperty("aus").GetString());
    }

    [Fact]
    public void AFramesLineSaysWhetherTheFacesLevelsWereForming()
    {
        var output = new StringWriter();
        var writer = new JsonLinesWriter(output, new WallClock(new ManualClock()));
        var face = new FaceFlash.Core.Faces.FaceObservation { FaceId = 4, Success = true };
        writer.Frame(new FrameEnvelope(3, 120, 125), face, formingLevels: true);
        writer.Frame(new FrameEnvelope(40, 1600, 1605), face, formingLevels: false);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([("frame", 4, true), ("frame", 4, false)],
            lines.Select(l => (l.GetProperty("type").GetString(), l.GetProperty("face_id").GetInt32(), l.GetProperty("forming_levels").GetBoolean())));
    }
}
