using FaceFlash.Integration.Tests.Support;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Integration.Tests.Pipeline;

public sealed class MultiFaceTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TwoFacesSideBySideKeepTwoStableIds()
    {
        // Two GRID talkers side by side in one 720×288 frame.
        var clip = _dir.File("two.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("grid/bbaf2n.mpg"), "-i", TestPaths.SharedVideo("grid/swiz3n.mpg"),
            "-filter_complex", "[0:v][1:v]hstack=inputs=2", "-an", "-c:v", "ffv1", clip);
        var frames = ClipAnalysis.Run(clip);
        Assert.Equal(75, frames.Count);
        var tracked = frames.Select(f => f.Faces.Where(x => x.Success).ToList()).ToList();
        Assert.True(tracked.Count(t => t.Count == 2) >= 70, $"both faces in only {tracked.Count(t => t.Count == 2)} frames");
        // The left face keeps one id and the right face another, from the first frame both are seen to the end.
        var leftIds = tracked.Where(t => t.Count == 2).Select(t => t.MinBy(x => x.Box.X)!.FaceId).Distinct().ToList();
        var rightIds = tracked.Where(t => t.Count == 2).Select(t => t.MaxBy(x => x.Box.X)!.FaceId).Distinct().ToList();
        Assert.Single(leftIds);
        Assert.Single(rightIds);
        Assert.NotEqual(leftIds[0], rightIds[0]);
        Assert.All(tracked.Where(t => t.Count == 2), t => Assert.True(t.Max(x => x.Box.X) > 360, "the right face is on the right half"));
    }

    [Fact]
    public void SmallFacesInAGroupAreFoundByDefault()
    {
        // The shared event video (CC BY 2.0, Aaron Tang): four or five people, faces 25–60 px wide in 640 × 480, which
        // the front detector alone never finds; the default tries the back detector when the front one finds none.
        var clip = TestPaths.SharedVideo("openmpf/video_01.mp4");
        var frontOnly = ClipAnalysis.Run(clip, options: new FaceAnalyzerOptions { Detector = "blazeface-front-128" });
        Assert.Equal(90, frontOnly.Count);
        Assert.DoesNotContain(frontOnly, f => f.Faces.Any(x => x.Success));

        var detectorRuns = 0L;
        var frames = ClipAnalysis.Run(clip, onAnalyzer: a => detectorRuns = a.DetectorRuns);
        Assert.Equal(90, frames.Count);
        // The proposals FaceMesh rejects (people too small or turned away) wait for the detector's usual interval
        // rather than make it run again in every frame.
        Assert.InRange(detectorRuns, 1, 10);
        var tracked = frames.Select(f => f.Faces.Where(x => x.Success).ToList()).ToList();
        Assert.True(tracked.Count(t => t.Count >= 2) >= 80, $"two or more faces in only {tracked.Count(t => t.Count >= 2)} of 90 frames");
        // Each face found keeps its id: the ids tracked through most of the clip are as many as the faces in a frame.
        var steady = tracked.SelectMany(t => t).GroupBy(x => x.FaceId).Count(g => g.Count() >= 80);
        Assert.True(steady >= 2, $"{steady} face ids tracked through 80 or more frames");
        // A proposal FaceMesh rejected at first sight is no face: it leaves no observation (no row, no face id).
        Assert.All(frames.SelectMany(f => f.Faces).GroupBy(x => x.FaceId), g => Assert.Contains(g, x => x.Success));
    }

    [Fact]
    public void WithNoFaceInViewTheBackDetectorRunsAtMostFourTimesASecond()
    {
        // Nothing tracked: the detector runs in every frame, the front model every time, the back model (five times
        // its cost) at most every 250 ms.
        var clip = _dir.File("faceless.mkv");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=size=640x480:rate=30:duration=3", "-c:v", "ffv1", clip);
        var (detectorRuns, fallbackRuns) = (0L, 0L);
        var frames = ClipAnalysis.Run(clip, onAnalyzer: a => (detectorRuns, fallbackRuns) = (a.DetectorRuns, a.FallbackDetectorRuns));
        Assert.Equal(90, frames.Count);
        Assert.Equal(90, detectorRuns);
        Assert.InRange(fallbackRuns, 10, 13); // 3 s / 250 ms, counting the first frame
    }
}
