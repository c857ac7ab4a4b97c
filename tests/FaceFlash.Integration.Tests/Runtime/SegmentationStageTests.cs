using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Pipeline.Stages;

namespace FaceFlash.Integration.Tests.Runtime;

/// <summary>Segmentation as a stage: events on the frame that flags them, and per-face state released when a track ends.</summary>
public sealed class SegmentationStageTests
{
    private readonly SegmentationStage _stage = new(new SegmenterOptions { LookAheadMs = 0 }, []); // causal, as live
    private readonly FramePacket _packet = new();

    /// <summary>One 100 fps frame with the given faces, each smiling at <paramref name="smile"/> (AU06 and AU12).</summary>
    private void Frame(long index, float smile, params int[] faceIds) => Frame(index, smile, ActionUnitStatus.Measured, faceIds);

    private void Frame(long index, float smile, ActionUnitStatus status, params int[] faceIds) => Frame(index, smile, status, 1, faceIds);

    /// <param name="seen">each face's tracking confidence</param>
    private void Frame(long index, float smile, ActionUnitStatus status, float seen, params int[] faceIds)
    {
        var frame = _packet.Analysis;
        frame.Faces.Clear();
        frame.Events.Clear();
        frame.Blinks.Clear();
        frame.Unreported.Clear();
        frame.FormingLevels.Clear();
        frame.Envelope = new FrameEnvelope(index, index * 10.0, 0);
        foreach (var id in faceIds)
        {
            var face = new FaceObservation { FaceId = id, Success = true, Confidence = seen, AuStatus = status, AuValid = ActionUnitSet.All };
            face.ActionUnits[(int)ActionUnit.AU06] = face.ActionUnits[(int)ActionUnit.AU12] = smile;
            frame.Faces.Add(face);
        }
        _stage.Process(_packet);
    }

    [Fact]
    public void LiveAFacesFirstSecondAndItsReferencesAreMarkedAsFormingItsLevels()
    {
        var forming = new List<long>();
        for (long i = 0; i < 400; i++)
        {
            // 100 fps; face 1's reference is retaken on frame 200.
            Frame(i, 0, i == 200 ? ActionUnitStatus.ReferenceRestarted : ActionUnitStatus.Measured, 1);
            if (_packet.Analysis.FormingLevels.Contains(1)) forming.Add(i);
        }
        // Frames 0–99 (0–990 ms) and 201–300, a second from the first measured frame of each reference.
        Assert.Equal([.. Enumerable.Range(0, 100).Select(i => (long)i), .. Enumerable.Range(201, 100).Select(i => (long)i)], forming);

        // Batch, which looks ahead, is never forming.
        var batch = new SegmentationStage(new SegmenterOptions(), []);
        var packet = new FramePacket();
        packet.Analysis.Envelope = new FrameEnvelope(0, 0, 0);
        packet.Analysis.Faces.Add(new FaceObservation { FaceId = 1, Success = true, Confidence = 1, AuStatus = ActionUnitStatus.Measured, AuValid = ActionUnitSet.All });
        batch.Process(packet);
        Assert.Empty(packet.Analysis.FormingLevels);
    }

    [Fact]
    public void EventsArriveOnTheFrameThatFlagsThemAndEndedTracksAreReleased()
    {
        var flagged = new List<(long Frame, ExpressionEvent Event)>();
        for (long i = 0; i < 300; i++)
        {
            // Face 1 smiles for 120 ms at 1.5 s; face 2 is there only for the first second.
            var smile = i is >= 150 and < 162 ? 2f : 0f;
            if (i < 100) Frame(i, smile, 1, 2);
            else Frame(i, smile, 1);
            flagged.AddRange(_packet.Analysis.Events.Select(e => (i, e)));
            if (i == 99) Assert.Equal(2, _stage.ActiveFaces);
            if (i == 100) Assert.Equal(1, _stage.ActiveFaces); // face 2's track ended: its segmenter is gone
        }
        var (at, e) = Assert.Single(flagged);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.Equal(at * 10.0, e.FlaggedAtMs); // flagged on the frame that carries it
        Assert.InRange(e.OnsetMs, 1480, 1510);
    }

    [Fact]
    public void ASmileOnAFaceTheTrackerSeesPoorlyIsListedAsUnclear()
    {
        var unreported = new List<UnreportedMovement>();
        for (long i = 0; i < 300; i++)
        {
            // The smile of the first test, on a face whose tracking confidence is 0.3 (turned far, half hidden).
            Frame(i, i is >= 150 and < 162 ? 2f : 0f, ActionUnitStatus.Measured, 0.3f, 1);
            Assert.Empty(_packet.Analysis.Events);
            unreported.AddRange(_packet.Analysis.Unreported);
        }
        Assert.Equal(NotReportedReason.UnclearFace, Assert.Single(unreported).Reason);
    }

    [Fact]
    public void AReferenceRestartInterruptsAnEventInProgress()
    {
        for (long i = 0; i < 300; i++)
        {
            // The smile of the first test, but the face's reference is retaken in the middle of it: its AUs before and
            // after measure from different faces, so it cannot be timed.
            Frame(i, i is >= 150 and < 162 ? 2f : 0f, i == 155 ? ActionUnitStatus.ReferenceRestarted : ActionUnitStatus.Measured, 1);
            Assert.Empty(_packet.Analysis.Events);
        }
    }

    [Fact]
    public void AnExpressionInProgressWhenTheTrackEndsIsReportedTruncatedOnTheFrameWithoutIt()
    {
        var flagged = new List<(long Frame, ExpressionEvent Event)>();
        for (long i = 0; i < 170; i++)
        {
            // Both faces smile from 1.5 s; face 1 is gone mid-smile, face 2 stays and its smile ends.
            if (i < 160) Frame(i, i >= 150 ? 2f : 0f, 1, 2);
            else Frame(i, 0, 2);
            flagged.AddRange(_packet.Analysis.Events.Select(e => (i, e)));
        }
        var (at, e) = Assert.Single(flagged, f => f.Event.FaceId == 1);
        Assert.Equal(160, at);
        Assert.True(e.Truncated);
        Assert.Equal(1590, e.OffsetMs);
        Assert.False(Assert.Single(flagged, f => f.Event.FaceId == 2).Event.Truncated);
    }

    [Fact]
    public void AnExpressionInProgressWhenTheStreamEndsGoesToTheStreamEnd()
    {
        for (long i = 0; i < 160; i++)
        {
            Frame(i, i >= 150 ? 2f : 0f, 1);
            Assert.Empty(_packet.Analysis.Events);
        }
        var end = new StreamEnd();
        _stage.Complete(end);
        var e = Assert.Single(end.Events);
        Assert.True(e.Truncated);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.Equal(1590, e.OffsetMs);
    }
}
