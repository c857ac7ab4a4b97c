using System.Runtime.InteropServices;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>What kind of input a source is; it decides where timestamps come from.</summary>
public enum SourceKind { File, ImageSequence, Camera, Stream }

/// <summary>
/// Frames from a video file, an image sequence, a camera or a stream/FIFO, each with its timestamp in milliseconds:
/// the container's presentation time for files (so variable frame rates come out right), a monotonic clock at grab
/// time for cameras and live streams, and the declared rate for image sequences, which carry no time.
/// </summary>
public sealed partial class VideoSource : IFrameSource, IDisposable
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironment(string name, string value, int overwrite);

    // FFmpeg reports every broken packet of a damaged file on stderr, dozens of lines a second; FaceFlash reports
    // the damage itself in one line (FramesUnreadable, Gaps). OpenCV reads this when it first loads FFmpeg, from the
    // native environment (.NET's Environment does not reach it); a value the user set is kept.
    static VideoSource() => SetNativeEnvironment("OPENCV_FFMPEG_LOGLEVEL", "-8", overwrite: 0);

    // Exactly one of the two: OpenCV reads videos, cameras and streams; an image sequence (a folder, or a printf pattern) is read file by file.
    private readonly VideoCapture? _capture;
    private readonly ImageFolder? _images;
    private readonly SquarePixelFrames? _pixels;
    private readonly IClock _clock;
    private double? _firstGrabMs; // clock-timed sources count from their first frame, as files do
    private readonly double _sequenceFps;
    private double[]? _recordedTimes;
    private PresentationTimeline _timeline; // makes a file's (or a timed stream's) presentation times the frames' times
    private long _index;

    private VideoSource(VideoCapture? capture, ImageFolder? images, string description, SourceKind kind, double sequenceFps, IClock clock)
    {
        (_capture, _images) = (capture, images);
        if (capture is not null) _pixels = new SquarePixelFrames(capture);
        _clock = clock;
        Description = description;
        Kind = kind;
        _sequenceFps = sequenceFps;
        NominalFps = images is null ? capture!.Fps : sequenceFps;
        FrameCount = images?.Count ?? (capture!.FrameCount > 0 ? capture.FrameCount : null);
        _timeline = new PresentationTimeline(NominalFps);
    }

    public string Description { get; }
    public SourceKind Kind { get; }

    /// <summary>
    /// The file a player such as ELAN can play these frames from, at their times: the video file itself; none for an
    /// image sequence (a folder of images is no media ELAN can open), a camera or a stream.
    /// </summary>
    public string? PlayableFile => Kind == SourceKind.File ? Description : null;

    /// <summary>The rate the container declares (may be wrong or 0 for variable-rate and live sources).</summary>
    public double NominalFps { get; }

    /// <summary>Frames the container claims to hold, when it says.</summary>
    public int? FrameCount { get; }

    /// <summary>
    /// Plays a file in real time: each frame is released when the wall clock reaches its presentation time, so a
    /// recording behaves like a camera (frames the pipeline cannot take in time are dropped the same way).
    /// </summary>
    public bool Paced { get; private set; }

    private double _pacingStartMs = double.NaN;

    /// <summary>The frames' size as read: an anamorphic video's is stretched to square pixels (<see cref="SquarePixelFrames"/>).</summary>
    public int Width => _images?.Width ?? _pixels!.Width;

    public int Height => _images?.Height ?? _pixels!.Height;

    /// <summary>
    /// A stored pixel's width over its height: 1 for square pixels (and where the source does not say, as players
    /// take it); otherwise the frames are stretched to square pixels as read.
    /// </summary>
    public double PixelAspect => _pixels is { Stretched: true } p ? p.SampleAspect : 1;

    /// <summary>For an image folder, the number in its first image's name: the frame number coding tables start from.</summary>
    public long? FirstImageNumber => _images?.FirstNumber;

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

    /// <summary>Whether this stream's frames are timed by its container (decided on its first frame; null until then).</summary>
    private bool? _streamTimes;

    private bool StreamCarriesTimes() => _streamTimes ??= _capture!.Get(VideoCaptureProperties.PosMsec) is >= 0 and < 1e11;

    /// <summary>
    /// Where the frames' times came from: <c>presentation</c> (the container's, for files and for streams read in batch
    /// whose reader gives times — FFmpeg's "no time" reads as about −3.7·10²⁰ ms, and such a stream is timed by the clock),
    /// <c>clock</c> (the monotonic clock at grab), <c>sequence_rate</c> (an image sequence's declared rate) or
    /// <c>recorded</c> (a live session's raw recording, by the times kept beside it).
    /// </summary>
    public string TimeSource => _recordedTimes is not null ? "recorded" : Kind switch
    {
        SourceKind.File => "presentation",
        SourceKind.ImageSequence => "sequence_rate",
        SourceKind.Stream when _streamTimes == true => "presentation",
        _ => "clock",
    };

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

    /// <summary>
    /// Frames of a damaged file that could not be decoded (skipped to resynchronise, or missing at its end), or images
    /// of a folder that could not be.
    /// </summary>
    public long FramesUnreadable => _images?.Unreadable ?? _skippedFrames;

    /// <summary>An image sequence's images of another size than its first, scaled to it (see <see cref="ImageFolder.Resized"/>).</summary>
    public int ImagesResized => _images?.Resized ?? 0;

    public string? FirstImageResized => _images?.FirstResized;

    private long _skippedFrames;

    /// <summary>Places where a damaged file stopped decoding and reading resumed further on.</summary>
    public int Gaps { get; private set; }

    /// <summary>A file that ends this much before its container says has lost its end.</summary>
    private const double LostEndMs = 1000;

    /// <summary>The latest presentation time read from the file, in its own times: damage is skipped only past it.</summary>
    private double FurthestFileMs => _timeline.FurthestPresentationMs;

    /// <summary>Reads the next frame into <paramref name="frame"/>; returns its envelope, or null at the end.</summary>
    public FrameEnvelope? Read(Mat frame)
    {
        // Live sources are stamped when grabbed, before decoding, so decode time does not shift the clock.
        var grabbedAt = _clock.NowMs;
        if (!Grab(frame) && !(Kind == SourceKind.File && Resynchronise(frame))) return null;
        var index = _index++;
        if (_recordedTimes is not null && index >= _recordedTimes.Length) return null; // frames beyond the recorded times are not the session's
        var timestamp = _recordedTimes is not null ? _recordedTimes[index] : Kind switch
        {
            SourceKind.File => _timeline.Next(_capture!.Get(VideoCaptureProperties.PosMsec)),
            SourceKind.Stream when StreamCarriesTimes() => _timeline.Next(_capture!.Get(VideoCaptureProperties.PosMsec)),
            // A folder's undecodable image still takes its place in time.
            SourceKind.ImageSequence => (_images is null ? index : _images.Position - 1) * 1000.0 / _sequenceFps,
            // From the first frame, not from opening: a camera takes 0.1–1 s to deliver it, and a recording of the
            // session starts there (ELAN plays its first frame at 0).
            _ => grabbedAt - (_firstGrabMs ??= grabbedAt),
        };
        if (Kind == SourceKind.File) Unchanged.Add(frame, index, timestamp);
        if (Paced)
        {
            WaitUntilDue(timestamp);
            grabbedAt = _clock.NowMs; // a paced frame "arrives" when it is released
        }
        return new FrameEnvelope(index, timestamp, grabbedAt);
    }

    /// <summary>
    /// Places where a file's presentation times ran backwards, each a part that starts its clock again (see
    /// <see cref="PresentationTimeline"/>): time never runs backwards in the outputs.
    /// </summary>
    public int TimeRestarts => _timeline.Restarts;

    /// <summary>A file's longest stretch of frames that did not change at all (see <see cref="UnchangedPicture"/>).</summary>
    public UnchangedPicture Unchanged { get; } = new();

    /// <summary>The rate a camera captured at, which this file's times are scaled to (null: they are not).</summary>
    public double? CaptureFps { get; private set; }

    /// <summary>The frame rate in real time: a high-speed export's capture rate, else the rate the source declares.</summary>
    public double RealTimeFps => CaptureFps ?? NominalFps;

    private bool Grab(Mat frame)
    {
        if (_firstFrame is { } first)
        {
            first.CopyTo(frame);
            first.Dispose();
            _firstFrame = null;
            return true;
        }
        return _images?.Next(frame) ?? (_capture!.Grab() && _pixels!.Retrieve(_capture, frame));
    }

    /// <summary>Seeks to <paramref name="ms"/> and whether a frame after the last good one decodes there.</summary>
    private bool DecodesAt(double ms, Mat frame)
    {
        _capture!.Set(VideoCaptureProperties.PosMsec, ms);
        return Grab(frame) && _capture.Get(VideoCaptureProperties.PosMsec) > FurthestFileMs + 500 / NominalFps;
    }

    /// <summary>
    /// A file that stops decoding before the end its container announces is damaged: reading goes on where
    /// <see cref="ResumeSearch"/> finds a frame past the last good one decoding, and the frames skipped are counted;
    /// the frames keep their presentation times, so time stays true across the gap. Finding no such point, it counts
    /// what is missing at the end when that is clearly more than rounding.
    /// </summary>
    private bool Resynchronise(Mat frame)
    {
        if (FrameCount is not { } count || !(NominalFps > 0) || double.IsNaN(FurthestFileMs)) return false;
        var interval = 1000 / NominalFps;
        var endMs = count * interval;
        if (ResumeSearch.Find(FurthestFileMs, interval, endMs, ms => DecodesAt(ms, frame)) is { } resume)
        {
            if (!DecodesAt(resume, frame)) return false; // cannot happen unless the file changes under us
            var at = _capture!.Get(VideoCaptureProperties.PosMsec);
            Gaps++;
            _skippedFrames += Math.Max(1, (long)Math.Round((at - FurthestFileMs) / interval) - 1);
            return true;
        }
        // The count may be the duration's, which is the longest track's: a picture that ends before its sound is whole.
        if (endMs - FurthestFileMs > LostEndMs && !(ContainerSpan.Of(Description) is { } span && span > endMs - LostEndMs))
            _skippedFrames += (long)Math.Round((endMs - FurthestFileMs) / interval) - 1;
        return false;
    }

    private void WaitUntilDue(double timestampMs)
    {
        if (double.IsNaN(_pacingStartMs)) _pacingStartMs = _clock.NowMs - timestampMs;
        var wait = _pacingStartMs + timestampMs - _clock.NowMs;
        if (wait > 0) Thread.Sleep(TimeSpan.FromMilliseconds(wait));
    }

    public void Dispose()
    {
        _capture?.Dispose();
        _pixels?.Dispose();
        _firstFrame?.Dispose();
        _relay?.Dispose();
    }
}
