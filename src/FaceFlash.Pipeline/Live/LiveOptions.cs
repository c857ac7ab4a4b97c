using FaceFlash.Pipeline.Jobs;

namespace FaceFlash.Pipeline.Live;

public sealed record LiveOptions
{
    /// <summary>A camera index ("0"), a stream URL, a FIFO, or a file (played in real time with <see cref="Realtime"/>).</summary>
    public required string Source { get; init; }

    /// <summary>The frame size, rate and pixel format to ask a camera for; null leaves the camera's own.</summary>
    public Core.Frames.CameraMode? CameraMode { get; init; }

    /// <summary>Release a file's frames at their presentation times, so it behaves like a camera.</summary>
    public bool Realtime { get; init; }

    public required string OutputDirectory { get; init; }
    public required string SessionName { get; init; }

    /// <summary>No window: for servers, scripts and tests.</summary>
    public bool Headless { get; init; }

    /// <summary>One JSON line per event and blink on stdout; with <see cref="JsonLinesPerFrame"/> also one per frame and face.</summary>
    public bool JsonLines { get; init; }

    public bool JsonLinesPerFrame { get; init; }

    /// <summary>Keep the raw camera video and each frame's times (<c>&lt;session&gt;.raw.avi</c>, <c>&lt;session&gt;.timestamps.csv</c>).</summary>
    public bool Record { get; init; }

    /// <summary>Also write the frames CSV (every processed frame, with AUs).</summary>
    public bool FramesCsv { get; init; }

    /// <summary>Where to save the last rendered overlay frame when the session ends (PNG).</summary>
    public string? SnapshotPath { get; init; }

    /// <summary>
    /// Frames that may wait to be processed unless <c>--channel-capacity</c> says otherwise; the oldest is dropped
    /// beyond this. Few, so that what is shown is recent (1–2 measured alike: README, *Live mode*).
    /// </summary>
    public const int DefaultQueueCapacity = 2;

    public AnalysisSettings Analysis { get; init; } = new();
}
