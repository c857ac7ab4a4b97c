using System.Numerics;
using FaceFlash.Core.Detection;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Core.Tests.Tracking;

public sealed class FaceTrackerTests
{
    private static FaceDetection Face(float x, float y, float size = 100, float score = 0.9f) =>
        new(new BoxF(x, y, size, size),
            [new(x + 0.3f * size, y + 0.4f * size), new(x + 0.7f * size, y + 0.4f * size), new(x + size / 2, y + size / 2),
             new(x + size / 2, y + 0.75f * size), new(x, y + 0.5f * size), new(x + size, y + 0.5f * size)],
            score);

    [Fact]
    public void DetectsUntilAFaceIsFoundThenOnlyPeriodically()
    {
        var tracker = new FaceTracker(new TrackingPolicy { RedetectIntervalMs = 1000 });
        Assert.True(tracker.ShouldDetect(0));
        tracker.AddDetections([], 0);
        Assert.True(tracker.ShouldDetect(40)); // nothing tracked: search every frame
        tracker.AddDetections([Face(10, 10)], 40);
        Assert.False(tracker.ShouldDetect(80));
        Assert.False(tracker.ShouldDetect(1039));
        Assert.True(tracker.ShouldDetect(1040));
    }

    [Fact]
    public void WithEverySlotTakenTheDetectorRestsUntilAFaceIsLost()
    {
        var tracker = new FaceTracker(new TrackingPolicy { RedetectIntervalMs = 1000, MaxFaces = 1 });
        tracker.AddDetections([Face(10, 10)], 0);
        Assert.False(tracker.ShouldDetect(5000)); // one face tracked, one allowed: a detection could add nothing
        tracker.Lose(tracker.Tracks[0], 5000);
        Assert.True(tracker.ShouldDetect(5040));
    }

    [Fact]
    public void LosingAFaceForcesDetectionOnTheNextFrame()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        tracker.AddDetections([Face(10, 10)], 0);
        tracker.Lose(tracker.Tracks[0], 0);
        Assert.True(tracker.ShouldDetect(40));
    }

    [Fact]
    public void ARejectedProposalWaitsForTheDetectorsIntervalWhileAFaceIsTracked()
    {
        var tracker = new FaceTracker(new TrackingPolicy { RedetectIntervalMs = 1000 });
        tracker.AddDetections([Face(10, 10), Face(200, 10), Face(400, 10, score: 0.6f)], 0);
        var (first, second, proposal) = (tracker.Tracks[0], tracker.Tracks[1], tracker.Tracks[2]);
        tracker.Update(first, first.Region, first.Box); // FaceMesh found two faces …
        tracker.Update(second, second.Region, second.Box);
        tracker.Lose(proposal, 0); // … and rejected the third proposal
        Assert.False(tracker.ShouldDetect(40));
        Assert.True(tracker.ShouldDetect(1000));
        tracker.Lose(second, 40); // a face that was found and is gone: look again at once, though one is still tracked
        Assert.True(tracker.ShouldDetect(80));
    }

    [Fact]
    public void TimeGoingBackwardsForcesDetection()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        tracker.AddDetections([Face(10, 10)], 5000);
        Assert.True(tracker.ShouldDetect(100));
    }

    [Fact]
    public void AFaceAlreadyTrackedKeepsItsIdAndNewFacesGetNewIds()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        tracker.AddDetections([Face(10, 10)], 0);
        var started = tracker.AddDetections([Face(12, 11), Face(300, 10)], 1000);
        Assert.Equal([0, 1], tracker.Tracks.Select(t => t.Id));
        Assert.Equal(1, Assert.Single(started).Id);
    }

    private static FaceTracker TrackerThatLostAFaceAt10By10(double lostAtMs)
    {
        var tracker = new FaceTracker(new TrackingPolicy { ReacquireWithinMs = 1000 });
        tracker.AddDetections([Face(10, 10)], 0);
        var face = tracker.Tracks[0];
        tracker.Update(face, face.Region, face.Box);
        tracker.Lose(face, lostAtMs);
        return tracker;
    }

    [Fact]
    public void AFaceFoundAgainWhereItWasLostKeepsItsId()
    {
        var tracker = TrackerThatLostAFaceAt10By10(lostAtMs: 400);
        tracker.AddDetections([Face(300, 10), Face(18, 14)], 400 + 1000);
        Assert.Equal([1, 0], tracker.Tracks.Select(t => t.Id)); // the face elsewhere is new
    }

    [Fact]
    public void AFaceFoundAgainLaterThanTheWindowIsNew()
    {
        var tracker = TrackerThatLostAFaceAt10By10(lostAtMs: 400);
        tracker.AddDetections([Face(10, 10)], 400 + 1001);
        Assert.Equal(1, tracker.Tracks.Single().Id);
    }

    [Fact]
    public void OneDetectionTakesALostIdBack()
    {
        var tracker = TrackerThatLostAFaceAt10By10(lostAtMs: 0);
        tracker.AddDetections([Face(10, 10, score: 0.8f), Face(30, 10, score: 0.9f)], 40); // two overlap its place
        Assert.Equal([0], tracker.Tracks.Select(t => t.Id)); // the stronger takes it; the other overlaps that track
        var again = tracker.Tracks[0];
        tracker.Update(again, again.Region, again.Box);
        tracker.Lose(again, 80);
        tracker.AddDetections([Face(500, 10)], 120);
        tracker.AddDetections([Face(30, 10)], 160);
        Assert.Equal([1, 0], tracker.Tracks.Select(t => t.Id));
    }

    [Fact]
    public void ARejectedProposalsIdIsNotGivenBack()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        tracker.AddDetections([Face(10, 10)], 0);
        tracker.Lose(tracker.Tracks[0], 0); // FaceMesh never confirmed it
        tracker.AddDetections([Face(10, 10)], 40);
        Assert.Equal(1, tracker.Tracks.Single().Id);
    }

    [Fact]
    public void NoMoreThanMaxFaces()
    {
        var tracker = new FaceTracker(new TrackingPolicy { MaxFaces = 2 });
        tracker.AddDetections([Face(0, 0, score: 0.6f), Face(200, 0, score: 0.9f), Face(400, 0, score: 0.8f)], 0);
        Assert.Equal(2, tracker.Tracks.Count);
        Assert.DoesNotContain(tracker.Tracks, t => t.Box.X == 0); // the weakest detection is the one left out
    }

    [Fact]
    public void TracksThatConvergeOnOneFaceMergeKeepingTheOlderId()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        tracker.AddDetections([Face(0, 0), Face(200, 0)], 0);
        var second = tracker.Tracks[1];
        tracker.Update(second, second.Region, new BoxF(2, 1, 100, 100));
        Assert.Equal([1], tracker.MergeDuplicates());
        Assert.Equal(0, tracker.Tracks.Single().Id);
    }

    [Fact]
    public void OfThreeTracksTheTwoOnOneFaceMergeAndTheThirdStays()
    {
        var tracker = new FaceTracker(new TrackingPolicy { MaxFaces = 3 });
        tracker.AddDetections([Face(0, 0, score: 0.9f), Face(200, 0, score: 0.8f), Face(400, 0, score: 0.7f)], 0);
        var third = tracker.Tracks[2];
        tracker.Update(third, third.Region, new BoxF(3, 2, 100, 100)); // the youngest drifted onto the oldest's face
        Assert.Equal([2], tracker.MergeDuplicates());
        Assert.Equal([0, 1], tracker.Tracks.Select(t => t.Id));
        Assert.Empty(tracker.MergeDuplicates()); // the ids dropped are this call's, not the last one's
    }

    [Fact]
    public void ANewTrackStartsFromTheDetectionWithTheEyeLineRotation()
    {
        var tracker = new FaceTracker(new TrackingPolicy());
        var d = Face(10, 10);
        tracker.AddDetections([d], 0);
        var region = tracker.Tracks[0].Region;
        Assert.Equal(d.Box.Centre, region.Centre);
        Assert.Equal(150, region.Size, 3);
        Assert.Equal(0, region.Rotation, 5);
    }
}
