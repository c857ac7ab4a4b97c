using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Reports;
using FaceFlash.Vision.Capture;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary>Where a report's face crops come from.</summary>
public sealed class FaceCropsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A live session's raw recording holds its frames at the times the camera gave them, which the container's rate
    /// only averages (a camera that stalls, a frame rate that sags in dim light). A crop is cut from the frame whose
    /// session time is nearest, not from where the container's rate would put that time.
    /// </summary>
    [Fact]
    public void ACropOfALiveRecordingIsCutFromTheFrameAtItsSessionTime()
    {
        // Frame k is a flat grey of 20·k; the camera stalled for 360 ms after frame 2.
        double[] times = [0, 40, 80, 440, 480, 520, 560, 600];
        var video = _dir.File("s1" + RecordingSource.VideoSuffix);
        using (var writer = new VideoWriter(video, FourCC.MJPG, 1000.0 * (times.Length - 1) / times[^1], new Size(64, 48)))
            for (var k = 0; k < times.Length; k++)
            {
                using var frame = new Mat(48, 64, MatType.CV_8UC3, Scalar.All(20 * k));
                writer.Write(frame);
            }
        File.WriteAllLines(_dir.File("s1" + RecordingSource.TimestampsSuffix),
            [FrameTimeColumns.Header, .. times.Select((t, k) => $"{k + 1},{t},2026-12-06T10:00:00.000Z,0")]);

        using var crops = new FaceCrops(video, double.NaN);
        for (var k = 0; k < times.Length; k++)
        {
            var jpeg = crops.At(times[k] + 5, (8, 8, 40, 30));
            Assert.NotNull(jpeg);
            using var crop = Cv2.ImDecode(jpeg, ImreadModes.Grayscale);
            Assert.InRange(Cv2.Mean(crop).Val0, 20 * k - 4, 20 * k + 4);
        }
    }
}
