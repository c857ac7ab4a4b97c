using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>A clip of the committed public-domain portrait (NASA, Eileen Collins) held still, H.264-encoded.</summary>
public sealed class StillPortraitTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RigidLandmarksJitterLessThanHalfAPixelFrameToFrame()
    {
        var clip = _dir.File("still.mp4");
        Ffmpeg.Run("-loop", "1", "-i", Path.Combine(TestPaths.Media, "astronaut.png"), "-t", "3", "-r", "25",
            "-c:v", "libx264", "-crf", "18", "-pix_fmt", "yuv420p", clip);
        var frames = ClipAnalysis.Run(clip);
        Assert.Equal(75, frames.Count);
        Assert.All(frames, f => Assert.NotNull(f.Tracked));

        var worst = 0.0;
        for (var i = 1; i < frames.Count; i++)
        {
            var steps = FaceMeshTopology.Anchors.Select(p => Vector2.Distance(frames[i].Tracked!.Point(p), frames[i - 1].Tracked!.Point(p)));
            worst = Math.Max(worst, steps.Average());
        }
        Assert.True(worst < 0.5, $"rigid landmarks moved {worst:0.###} px between two frames of a still image");
    }

    [Fact]
    public void HeadPoseOfTheFrontalPortraitIsNearFrontal()
    {
        var clip = _dir.File("still.mp4");
        Ffmpeg.Run("-loop", "1", "-i", Path.Combine(TestPaths.Media, "astronaut.png"), "-t", "0.4", "-r", "25", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip);
        var pose = ClipAnalysis.Run(clip).Last().Tracked!.Pose;
        const double fifteenDegrees = 15 * Math.PI / 180;
        Assert.InRange(pose.Ry, -fifteenDegrees, fifteenDegrees);
        Assert.InRange(pose.Rz, -fifteenDegrees, fifteenDegrees);
        Assert.InRange(pose.Tz, 200, 2000); // millimetres in front of the camera
    }
}
