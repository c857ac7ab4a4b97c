using System.Text.Json;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using FaceFlash.Web;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Live;

/// <summary>What the control room sends a browser about each face in a frame, in-process.</summary>
public sealed class ControlRoomStateTests
{
    [Fact]
    public void AFaceWhoseLevelsAreFormingIsMarkedSo()
    {
        using var room = new ControlRoom(() => 0, new WallClock(MonotonicClock.Shared));
        using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.Gray);
        var frame = new FrameAnalysis { Envelope = new FrameEnvelope(0, 0, 0) };
        foreach (var id in new[] { 3, 4 })
            frame.Faces.Add(new FaceObservation { FaceId = id, Success = true, AuStatus = ActionUnitStatus.Measured, AuValid = ActionUnitSet.All });
        frame.FormingLevels.Add(4);
        room.Write(frame, image);

        using var state = JsonDocument.Parse(room.Frames.Latest!.StateJson);
        var faces = state.RootElement.GetProperty("faces").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetInt32(), f => f.GetProperty("forming_levels").GetBoolean());
        Assert.Equal(new Dictionary<int, bool> { [3] = false, [4] = true }, faces);
    }
}
