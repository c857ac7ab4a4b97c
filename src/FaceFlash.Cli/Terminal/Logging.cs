using OpenCvSharp;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace FaceFlash.Cli.Terminal;

/// <summary>Serilog to stderr (stdout stays free for machine-readable output), plus JSON lines to --log FILE.</summary>
public static class Logging
{
    public static void Configure(bool quiet, string? logFile)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(
                restrictedToMinimumLevel: quiet ? LogEventLevel.Error : LogEventLevel.Information,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}");
        if (logFile is not null) config = config.WriteTo.File(new CompactJsonFormatter(), logFile);
        Log.Logger = config.CreateLogger();
        // OpenCV's own warnings reach stderr unformatted and repeat what FaceFlash's one-line error says (a file it
        // cannot open gives "backend is generally available but can't be used to capture by name" first).
        Cv2.SetLogLevel(OpenCvSharp.LogLevel.ERROR);
    }
}
