using System.CommandLine;
using FaceFlash.Pipeline.Batch;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Pipeline.Live;
using FaceFlash.Vision.Capture;
using FaceFlash.Web;
using Serilog;

namespace FaceFlash.Cli.Commands;

/// <summary><c>faceflash live</c>: a camera (or stream, FIFO, real-time file) with an overlay researchers can watch.</summary>
public static class LiveCommand
{
    private static readonly Option<int?> Camera = new("--camera") { Description = "Camera index (V4L2), e.g. 0.", HelpName = "N" };
    private static readonly Option<string?> CameraSize = new("--camera-size")
    {
        Description = "Ask the camera for this frame size, e.g. 1280x720 (default: the driver's own, often 640x480).",
        HelpName = "WxH",
    };

    private static readonly Option<double?> CameraFps = new("--camera-fps")
    {
        Description = "Ask the camera for this frame rate, e.g. 60 (default: the driver's own, often 30); micro-expressions need 50 or more.",
        HelpName = "FPS",
    };

    private static readonly Option<string?> CameraFormat = new("--camera-format")
    {
        Description = "Ask the camera for this pixel format: mjpg (compressed; what fast modes over USB need) or yuyv (raw).",
    };

    private static readonly Option<string?> Source = new("--source") { Description = "A stream URL, a FIFO, or a video file (with --realtime).", HelpName = "PATH_OR_URL" };
    private static readonly Option<bool> Realtime = new("--realtime") { Description = "Play a file at its own pace, like a camera (the same frame-dropping policy applies)." };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Folder for the session's files (default: the current folder).", HelpName = "DIR" };
    private static readonly Option<string?> Session = new("--session") { Description = "Base name of the session's files (default: live-<date>-<time>).", HelpName = "NAME" };
    private static readonly Option<bool> Headless = new("--headless") { Description = "No window (for servers, scripts, or machines without a display)." };
    private static readonly Option<bool> Jsonl = new("--jsonl") { Description = "Write one JSON line per event and blink to stdout." };
    private static readonly Option<bool> JsonlFrames = new("--jsonl-frames") { Description = "With --jsonl, also one JSON line per frame and face with its AUs." };
    private static readonly Option<bool> Frames = new("--frames") { Description = "Also write the frames CSV." };
    private static readonly Option<bool> Record = new("--record")
    {
        Description = "Keep the raw camera video (<session>.raw.avi, MJPG quality 95, every grabbed frame) and <session>.timestamps.csv (frame, time, wall clock); faceflash analyze <session>.raw.avi re-analyses it with the session's times.",
    };
    private static readonly Option<string?> Serve = new("--serve")
    {
        Description = "Serve the control room (live video, AU bars, timeline, events, markers, controls) to browsers at [HOST:]PORT; 127.0.0.1 unless a host is given, and then only with the access token printed at start.",
        HelpName = "[HOST:]PORT",
    };

    private static readonly Option<string?> ServeCertificate = new("--serve-cert")
    {
        Description = "Serve over HTTPS with this certificate (a PKCS#12 .pfx file without a password).",
        HelpName = "PFX",
    };

    private static readonly Option<string?> Snapshot = new("--snapshot") { Description = "Save the last overlay frame to this PNG when the session ends.", HelpName = "FILE" };
    private static readonly AnalysisOptions Analysis = new();

    public static Command Create()
    {
        var command = new Command("live", "Watch a camera live: overlay with faces, AUs, a timeline and event banners; events are written as they are flagged. Keys: q/Esc quit, space pause, m mesh, r record, b re-baseline.")
        {
            Camera, CameraSize, CameraFps, CameraFormat, Source, Realtime, Out, Session, Headless, Jsonl, JsonlFrames, Frames, Record, Serve, ServeCertificate, Snapshot,
        };
        Analysis.AddTo(command);
        CameraFormat.AcceptOnlyFromAmong([.. Core.Frames.CameraMode.Formats]);
        OptionChecks.Check(Session, SessionNameProblem);
        OptionChecks.Check(CameraSize, size => size is null || Core.Frames.CameraMode.TryParseSize(size, out _, out _)
            ? null
            : $"--camera-size must be WIDTHxHEIGHT, e.g. 1280x720, not '{size}'");
        OptionChecks.Require(CameraFps, fps => fps is not { } f || (f > 0 && double.IsFinite(f)), "--camera-fps must be a positive number");
        command.SetAction(RunAsync);
        return command;
    }

    /// <summary>
    /// Why the control room could not serve with this certificate (a password on it, not a certificate at all), or null:
    /// said before the session, rather than as an unexpected failure once the camera is open.
    /// </summary>
    private static string? UnreadableCertificate(string path)
    {
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, null);
            return null;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return e.Message.TrimEnd('.');
        }
    }

    /// <summary>
    /// Why a session name cannot name its files, or null. A name with a folder in it ("P07/run1") failed as an
    /// unexpected failure when the session's files were made.
    /// </summary>
    private static string? SessionNameProblem(string? name)
    {
        if (name is not { Length: > 0 }) return null;
        if (Path.GetFileName(name) != name || name is "." or "..")
            return $"--session names the session's files, not a folder: give a plain name (P07_run1, not '{name}'), and the folder with --out";
        return System.Text.Encoding.UTF8.GetByteCount(name) > OutputPaths.MaxStemBytes
            ? $"--session must be at most {OutputPaths.MaxStemBytes} bytes long (it names files)"
            : null;
    }

    private static Core.Frames.CameraMode CameraModeOf(ParseResult parse)
    {
        var mode = new Core.Frames.CameraMode { Fps = parse.GetValue(CameraFps), Format = parse.GetValue(CameraFormat) };
        return parse.GetValue(CameraSize) is { } size && Core.Frames.CameraMode.TryParseSize(size, out var width, out var height)
            ? mode with { Width = width, Height = height }
            : mode;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancel)
    {
        var camera = parse.GetValue(Camera);
        var source = parse.GetValue(Source);
        if ((camera is null) == (source is null))
        {
            Log.Error("name one input: --camera N or --source PATH_OR_URL");
            return ExitCodes.Usage;
        }
        var cameraMode = CameraModeOf(parse);
        if (cameraMode.AsksAnything && camera is null)
        {
            Log.Error("--camera-size, --camera-fps and --camera-format ask a camera (--camera N) for a mode; a stream or file has its own");
            return ExitCodes.Usage;
        }
        var headless = parse.GetValue(Headless);
        if (!headless && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
        {
            Log.Error("no display to show the overlay on (DISPLAY is not set): run with --headless, or under xvfb-run");
            return ExitCodes.Usage;
        }
        var serve = parse.GetValue(Serve) is { } address ? ServeEndpoint.Parse(address) : null;
        if (parse.GetValue(Serve) is { } given && serve is null)
        {
            Log.Error("--serve {Given}: give PORT or HOST:PORT, e.g. 8080 or 0.0.0.0:8080", given);
            return ExitCodes.Usage;
        }
        var certificate = parse.GetValue(ServeCertificate);
        if (certificate is not null && !File.Exists(certificate))
        {
            Log.Error("--serve-cert {Certificate} does not exist", certificate);
            return ExitCodes.Usage;
        }
        if (certificate is not null && UnreadableCertificate(certificate) is { } reason)
        {
            Log.Error("--serve-cert {Certificate} cannot be read ({Reason}): give a PKCS#12 .pfx file without a password", certificate, reason);
            return ExitCodes.Usage;
        }
        // The snapshot is written when the session ends: a name OpenCV cannot write, or a folder that cannot be made,
        // is said now rather than lost then.
        if (parse.GetValue(Snapshot) is { } snapshot)
        {
            if (!OpenCvSharp.Cv2.HaveImageWriter(snapshot))
            {
                Log.Error("--snapshot {Snapshot}: name an image file (.png, .jpg)", snapshot);
                return ExitCodes.Usage;
            }
            if (OutputFolder.UnwritableFor(snapshot) is { } unwritable)
            {
                Log.Error("--snapshot {Snapshot}: {Reason}", snapshot, unwritable);
                return ExitCodes.InputFailed;
            }
        }
        if (parse.GetValue(Out) is { } outDir && OutputFolder.Unwritable(outDir) is { } outUnwritable)
        {
            Log.Error("{Reason}", outUnwritable);
            return ExitCodes.InputFailed;
        }
        if (Analysis.TryBind(parse) is not { } analysis) return ExitCodes.Usage;
        if (AnalysisOptions.OpenModels(parse, analysis) is not { } models) return ExitCodes.Usage;
        var options = new LiveOptions
        {
            Source = source ?? camera!.Value.ToString(),
            CameraMode = cameraMode.AsksAnything ? cameraMode : null,
            Realtime = parse.GetValue(Realtime),
            OutputDirectory = parse.GetValue(Out) ?? Directory.GetCurrentDirectory(),
            SessionName = parse.GetValue(Session) ?? $"live-{DateTime.Now:yyyyMMdd-HHmmss}",
            Headless = headless,
            JsonLines = parse.GetValue(Jsonl),
            JsonLinesPerFrame = parse.GetValue(JsonlFrames),
            FramesCsv = parse.GetValue(Frames),
            Record = parse.GetValue(Record),
            SnapshotPath = parse.GetValue(Snapshot),
            Analysis = analysis,
        };
        // A session restarted under the same name (--session P07 again after a hiccup) replaced the first one's
        // recording and files when it ended: its files are refused now, before anything is written.
        if (LiveSession.EarlierSessionFile(options.OutputDirectory, options.SessionName) is { } earlier)
        {
            Log.Error("{Earlier} is from an earlier session named {Session}: give this one another --session, or move that one's files",
                earlier, options.SessionName);
            return ExitCodes.Usage;
        }
        try
        {
            ControlRoomServer? server = null;
            LiveReport r;
            try
            {
                r = await LiveSession.RunAsync(models, options, cancel, serve is null ? null : async controls =>
                {
                    var room = new ControlRoom(() => controls.Dropped, controls.Wall);
                    controls.Marked += room.AddMarker;
                    server = await ControlRoomServer.StartAsync(serve, certificate, room, controls);
                    // Printed even with --quiet: without it nobody can open the page.
                    await Console.Error.WriteLineAsync($"Control room: {server.Url}");
                    return room;
                });
                server?.WriteViewerReport(Path.Combine(options.OutputDirectory, $"{options.SessionName}.viewers.json"));
            }
            finally
            {
                if (server is not null) await server.DisposeAsync();
            }
            // With no event there is no flag latency to give (the summary has it as null).
            var flagLatency = r.Events == 0 ? "" : $" (flag latency p50 {r.EventLatencyP50Ms} ms, max {r.EventLatencyMaxMs} ms)";
            Log.Information("Session {Ended}: {Processed} frames processed, {Dropped} dropped, {Fps:0.0} fps; frame latency p50 {P50} ms, p99 {P99} ms; {Events} events{FlagLatency:l}, {Blinks} blinks",
                r.Ended, r.FramesProcessed, r.FramesDropped, r.ProcessingFps, r.FrameLatencyP50Ms, r.FrameLatencyP99Ms, r.Events, flagLatency, r.Blinks);
            foreach (var warning in r.Warnings) Log.Warning("{Warning}", warning);
            return cancel.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Success;
        }
        catch (SourceException e)
        {
            Log.Error("{Reason}", e.Message);
            return ExitCodes.InputFailed;
        }
        catch (IOException e)
        {
            Log.Error("{Reason}", e.Message);
            return ExitCodes.InputFailed;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Log.Warning("Interrupted before the session started");
            return ExitCodes.Cancelled;
        }
    }
}
