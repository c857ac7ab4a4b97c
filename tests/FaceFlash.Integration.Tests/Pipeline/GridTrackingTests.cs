using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>Every GRID corpus clip (CC BY 4.0, Cooke et al. 2006): one frontal talker.</summary>
public sealed class GridTrackingTests
{
    public static TheoryData<string> GridClips()
    {
        var dir = Path.Combine(TestPaths.SharedVideos, "grid");
        var data = new TheoryData<string>();
        foreach (var clip in Directory.Exists(dir) ? Directory.GetFiles(dir, "*.mpg").Order().ToArray() : ["grid/(shared data absent)"])
            data.Add(Path.GetFileName(clip));
        return data;
    }

    [Theory]
    [MemberData(nameof(GridClips))]
    public void TheFaceIsTrackedInNearlyEveryFrameAndTheLandmarksStayOnIt(string clip)
    {
        var frames = ClipAnalysis.Run(TestPaths.SharedVideo(Path.Combine("grid", clip)), detectEveryFrame: true);
        Assert.Equal(75, frames.Count);

        var tracked = frames.Count(f => f.Tracked is not null);
        Assert.True(tracked >= 0.95 * frames.Count, $"{clip}: face tracked in {tracked}/{frames.Count} frames");
        Assert.All(frames, f => Assert.True(f.Faces.Count(x => x.Success) <= 1, $"{clip}: one talker, but frame {f.Index} has several faces"));

        foreach (var frame in frames.Where(f => f.Tracked is not null && f.Detections!.Count > 0))
        {
            var box = frame.Detections!.MaxBy(d => d.Score)!.Box;
            var nose = frame.Tracked!.Point(FaceMeshTopology.NoseTip);
            Assert.True(box.Contains(nose), $"{clip} frame {frame.Index}: tracked nose tip {nose} outside the detector's box {box}");
        }
        Assert.Single(frames.Where(f => f.Tracked is not null).Select(f => f.Tracked!.FaceId).Distinct());

        // A frontal talker facing the lens: pitch measured against the line of sight to the camera (a face below the
        // optical axis looks up to the lens) stays near 0. The old reference face put −10° to −17° on every talker.
        var poses = frames.Where(f => f.Tracked is not null).Select(f => f.Tracked!.Pose).ToList();
        var pitchToLens = poses.Average(p => (p.Rx + Math.Atan2(p.Ty, p.Tz)) * 180 / Math.PI);
        Assert.True(Math.Abs(pitchToLens) <= 8, $"{clip}: mean pitch against the line of sight {pitchToLens:0.0}°");
    }
}
