using FaceFlash.Vision.Capture;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>
/// The relay that reads a stream URL through FFmpeg's command-line tool into a FIFO (<see cref="UrlRelay"/>), when
/// nothing answers. The decoder's open of the FIFO waits for a writer, so the relay opens one once FFmpeg gives up;
/// a writer's non-blocking open fails while no reader waits, and on a loaded machine the decoder (OpenCV loading its
/// libraries) can come to the FIFO after FFmpeg has already given up: `.ci/run` once hung there for three minutes.
/// </summary>
public sealed class UrlRelayTests
{
    private const string NothingAnswers = "rtsp://127.0.0.1:9/camera"; // port 9 (discard) has no server here

    [Fact]
    public async Task ADecoderThatComesAfterFfmpegGaveUpStillGetsTheReason()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var relay = UrlRelay.Start(NothingAnswers, cancel);
        // FFmpeg is refused in milliseconds: it has given up before the decoder comes.
        await Task.Delay(TimeSpan.FromSeconds(3), cancel);
        var opening = Task.Run(() =>
        {
            using var capture = new VideoCapture(relay.FifoPath, VideoCaptureAPIs.FFMPEG);
            relay.DecoderOpened();
            return capture.IsOpened();
        }, cancel);
        var first = await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(20), cancel));
        Assert.True(first == opening, "the decoder's open of the FIFO still waits for a writer");
        Assert.False(await opening);
        Assert.Equal($"{NothingAnswers} cannot be read: {NothingAnswers}: Connection refused", relay.Failure(NothingAnswers));
    }
}
