using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>Opening each kind of input: a camera, an image sequence, a stream URL, a FIFO or a video file.</summary>
public sealed partial class VideoSource
{
    /// <summary>How long to wait for someone to write into a FIFO before giving up on it.</summary>
    public static readonly TimeSpan FifoWriterTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Opens a camera index ("0"), an image sequence ("frames/%05d.png", or a folder of images), a video file, or a
    /// stream URL or FIFO.
    /// Throws <see cref="SourceException"/> with a one-line reason when it cannot be read, and
    /// <see cref="OperationCanceledException"/> when <paramref name="cancel"/> fires while it waits for a FIFO's writer.
    /// </summary>
    /// <param name="streamsByTheirOwnTimes">
    /// Time a stream or FIFO by its container's presentation times where it carries them, as a file is timed: for batch
    /// analysis, where a recording piped in (<c>ffmpeg … -f matroska - | faceflash analyze /dev/stdin</c>) arrives
    /// as fast as it is read and the clock would time its reading, not the recording. A stream whose reader gives no
    /// time at all is timed by the clock either way (a raw MJPEG stream has no times of its own: FFmpeg numbers its
    /// frames at 25 a second).
    /// </param>
    /// <param name="captureFps">
    /// The rate a high-speed camera captured at, when its file declares a slower playback rate: the file's times are
    /// scaled by the declared rate over this one (a recording's own timestamps, or an image sequence's rate, are not).
    /// </param>
    /// <param name="cameraMode">the frame size, rate and pixel format to ask a camera for (see <see cref="CameraMode"/>)</param>
    public static VideoSource Open(string spec, double imageSequenceFps = 30, bool paced = false, IClock? clock = null,
        bool streamsByTheirOwnTimes = false, double? captureFps = null, CameraMode? cameraMode = null, CancellationToken cancel = default)
    {
        var source = OpenCapture(spec, imageSequenceFps, clock ?? MonotonicClock.Shared, cameraMode, cancel);
        source.Paced = paced && source.Kind is SourceKind.File or SourceKind.ImageSequence; // live sources pace themselves
        source._streamTimes = streamsByTheirOwnTimes && source.Kind == SourceKind.Stream ? null : false;
        if (captureFps is { } captured && source.Kind is SourceKind.File or SourceKind.Stream && source._recordedTimes is null)
        {
            source.CaptureFps = captured;
            source._timeline = new PresentationTimeline(source.NominalFps, captured);
        }
        return source;
    }

    /// <summary>
    /// Whether an input can be read only once: a camera index, a stream URL, a FIFO or a device. Such an input has no
    /// bytes to fingerprint (reading a pipe's first bytes would consume them) and nothing to skip on a re-run.
    /// </summary>
    public static bool IsReadOnce(string spec) =>
        int.TryParse(spec, out _) || IsUrl(spec) || (File.Exists(spec) && !UnixFileType.IsRegularFile(spec));

    /// <summary>Whether an input is a stream URL (<c>rtsp://</c>, <c>http://</c> …), read through <see cref="UrlRelay"/>.</summary>
    public static bool IsUrl(string spec) => spec.Contains("://", StringComparison.Ordinal);

    private static VideoSource OpenCapture(string spec, double imageSequenceFps, IClock clock, CameraMode? cameraMode, CancellationToken cancel)
    {
        if (int.TryParse(spec, out var camera))
        {
            var cap = new VideoCapture(camera, VideoCaptureAPIs.V4L2);
            if (cap.IsOpened() && cameraMode is { AsksAnything: true }) V4l2Mode.Ask(cap, cameraMode);
            var opened = Opened(cap, $"camera {camera}", SourceKind.Camera, 0, clock);
            opened.CameraFormat = V4l2Mode.FormatOf(cap);
            opened.CameraShortfall = cameraMode?.Shortfall(opened.Width, opened.Height, opened.NominalFps, opened.CameraFormat);
            return opened;
        }
        if (ImageFolder.IsPattern(spec))
        {
            var sequence = ImageFolder.Open(spec) ?? throw new SourceException(ImageFolder.Files(spec).Length == 0
                ? $"{spec}: no image matches this pattern"
                : $"{spec}: its first image cannot be decoded");
            return new VideoSource(null, sequence, spec, SourceKind.ImageSequence, imageSequenceFps, clock);
        }
        if (IsUrl(spec)) return Relayed(spec, clock, cancel);
        if (Directory.Exists(spec))
        {
            if (!ImageFolder.IsSequence(spec)) throw new SourceException($"{spec} is a directory, not a video or a folder of images");
            var images = ImageFolder.Open(spec) ?? throw new SourceException($"{spec}: its first image cannot be decoded");
            return new VideoSource(null, images, spec, SourceKind.ImageSequence, imageSequenceFps, clock);
        }
        // Broken only when the link leads nowhere: /dev/stdin's target (/proc/self/fd/0 → "pipe:[…]") is no path, yet opens.
        if (new FileInfo(spec) is { LinkTarget: { } target } && !UnixFileType.IsReachable(spec))
            throw new SourceException($"{spec} is a link to {target}, which does not exist");
        if (!File.Exists(spec)) throw new SourceException($"{spec} does not exist");
        if (new FileInfo(spec).Length == 0 && !UnixFileType.IsFifo(spec)) throw new SourceException($"{spec} is empty");
        var fifo = UnixFileType.IsFifo(spec);
        using var written = fifo ? FifoWriterWait.UntilWritten(spec, FifoWriterTimeout, cancel) : null;
        var capture = new VideoCapture(spec, VideoCaptureAPIs.FFMPEG);
        var source = Opened(capture, spec, fifo ? SourceKind.Stream : SourceKind.File, 0, clock);
        if (fifo) return source;
        source.DecodeFirstFrame();
        // A live session's raw recording carries its true times beside it: re-analysed, it keeps the session's times.
        source._recordedTimes = RecordingSource.TimesFor(spec);
        return source;
    }

    /// <summary>A file's first frame, decoded on opening; the first <see cref="Read"/> gives it.</summary>
    private Mat? _firstFrame;

    /// <summary>
    /// A file FFmpeg opens may hold video it cannot decode — OpenCV's FFmpeg has no AV1 decoder — and would give no
    /// frame at all, an empty result that looks complete: that is said on opening, in one line, before anything is
    /// written. The frame is kept, not read again: seeking back to it is not exact in every format.
    /// </summary>
    private void DecodeFirstFrame()
    {
        var first = new Mat();
        if (Grab(first))
        {
            _firstFrame = first;
            return;
        }
        first.Dispose();
        var codec = Codec;
        Dispose();
        throw new SourceException($"{Description}: no frame of its video{(codec is null ? "" : $" ({codec})")} can be decoded: OpenCV's " +
            "FFmpeg lacks its codec (it has no AV1 decoder), or the file's start is damaged; convert it, e.g. ffmpeg -i IN -c:v libx264 -crf 18 OUT.mp4");
    }

    /// <summary>The video's codec as its four-character code (<c>avc1</c>, <c>AV01</c>), when the container gives a printable one.</summary>
    private string? Codec
    {
        get
        {
            var code = (int)_capture!.Get(VideoCaptureProperties.FourCC);
            var text = new string([.. Enumerable.Range(0, 4).Select(i => (char)((code >> (8 * i)) & 0xFF))]).Trim();
            return text.Length > 0 && text.All(c => c is >= '!' and <= '~') ? text : null;
        }
    }

    /// <summary>A camera's pixel format as it delivers it (<c>mjpg</c>, <c>yuyv</c>); null for other sources.</summary>
    public string? CameraFormat { get; private set; }

    /// <summary>What a camera gives where it is not the mode asked of it, in one line; null when it gives it, or nothing was asked.</summary>
    public string? CameraShortfall { get; private set; }

    /// <summary>A stream URL, read through <see cref="UrlRelay"/>; the relay lives as long as the source.</summary>
    private static VideoSource Relayed(string url, IClock clock, CancellationToken cancel)
    {
        var relay = UrlRelay.Start(url, cancel);
        try
        {
            var capture = new VideoCapture(relay.FifoPath, VideoCaptureAPIs.FFMPEG);
            relay.DecoderOpened();
            if (!capture.IsOpened())
            {
                capture.Dispose();
                cancel.ThrowIfCancellationRequested();
                throw new SourceException(relay.Failure(url));
            }
            var source = Opened(capture, url, SourceKind.Stream, 0, clock);
            source._relay = relay;
            return source;
        }
        catch
        {
            relay.Dispose();
            throw;
        }
    }

    private UrlRelay? _relay;

    private static VideoSource Opened(VideoCapture capture, string description, SourceKind kind, double sequenceFps, IClock clock)
    {
        if (!capture.IsOpened())
        {
            capture.Dispose();
            throw new SourceException(kind == SourceKind.Camera ? $"{description} cannot be opened: there is no such camera, or another program is using it"
                : $"{description} cannot be opened as video (not a video, unsupported codec, or corrupt)");
        }
        return new VideoSource(capture, null, description, kind, sequenceFps, clock);
    }
}
