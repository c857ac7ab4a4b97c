using FaceFlash.Integration.Tests.Support;

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
}
