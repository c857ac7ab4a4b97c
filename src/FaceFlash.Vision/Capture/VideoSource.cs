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

    /// <summary>An image sequence's images of another size than its first, scaled to it (see <see cref="ImageFolder.Resized"/>).</summary>
    public int ImagesResized => _images?.Resized ?? 0;

    public string? FirstImageResized => _images?.FirstResized;

    /// <summary>
    /// Images a numbered folder lacks (see <see cref="ImageFolder.Missing"/>), in the <see cref="Part"/> analysed when
    /// not all of it is, and the image before the first.
    /// </summary>
    public (long Count, string? FirstAfter) ImagesMissing
    {
        get
        {
            if (_images is null) return (0, null);
            var (from, to) = Part is { } part ? part.Indexes(_sequenceFps, _images.LastPlace) : (0, _images.LastPlace);
            return _images.Missing(from, to);
        }
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

    /// <summary>Reads the next frame into <paramref name="frame"/>; returns its envelope, or null at the end.</summary>
    public FrameEnvelope? Read(Mat frame)
    {
        // Live sources are stamped when grabbed, before decoding, so decode time does not shift the clock.
        var grabbedAt = _clock.NowMs;
        if (!Grab(frame) && !(Kind == SourceKind.File && Resynchronise(frame))) return null;
        // An image takes its place in the sequence, as its number gives it: past a missing or undecodable image, the
        // frame numbers and times are the dataset's.
        var index = _images is null ? _index++ : _images.Place(_images.Position - 1);
        if (_recordedTimes is not null && index >= _recordedTimes.Length) return null; // frames beyond the recorded times are not the session's
        var timestamp = _recordedTimes is not null ? _recordedTimes[index] : Kind switch
        {
            SourceKind.File => _timeline.Next(_capture!.Get(VideoCaptureProperties.PosMsec)),
            SourceKind.Stream when StreamCarriesTimes() => _timeline.Next(_capture!.Get(VideoCaptureProperties.PosMsec)),
            SourceKind.ImageSequence => index * 1000.0 / _sequenceFps,
            // From the first frame, not from opening: a camera takes 0.1–1 s to deliver it, and a recording of the
            // session starts there (ELAN plays its first frame at 0).
            _ => grabbedAt - (_firstGrabMs ??= grabbedAt),
        };
        // Of a part analysed, the frames read past before it (and the one read after it) are not the part's.
        if (Part is { } part && timestamp < part.FromMs) PassedOver();
        else if (Kind == SourceKind.File && (Part is null || Part.Contains(timestamp))) Unchanged.Add(frame, index, timestamp);
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

    /// <summary>
    /// The part of the recording analysed (<c>analyze --from/--to</c>; null: all of it). The frames before it are read
    /// and passed over; damage and a frozen picture there are not said of the part.
    /// </summary>
    public TimeRange? Part { get; set; }

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
