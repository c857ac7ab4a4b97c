using System.CommandLine;
using System.Runtime.InteropServices;
using FaceFlash.Cli;
using FaceFlash.Cli.Commands;
using FaceFlash.Cli.Terminal;
using FaceFlash.Models.Manifest;
using Serilog;

var root = new RootCommand("FaceFlash: finds facial micro-expressions (40–200 ms) in recorded and live video.")
{
    CommonOptions.Quiet, CommonOptions.LogFile, CommonOptions.Models,
    AnalyzeCommand.Create(),
    SynthCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    LiveCommand.Create(),
    ReportCommand.Create(),
};

// No option or input is ever an empty string; one (a shell variable left unset: --out "$OUT") is named here in one line,
// rather than failing later as "The value cannot be an empty string" or as a file named "".
if (Array.IndexOf(args, "") is var empty and >= 0)
{
    Console.Error.WriteLine(empty > 0 && args[empty - 1].StartsWith('-') ? $"error: {args[empty - 1]} was given an empty value" : "error: an input was given as an empty name");
    Console.Error.WriteLine("Run 'faceflash --help' for usage.");
    return ExitCodes.Usage;
}

// Bare `faceflash` shows what it can do rather than an error. A lone `-` names standard input, as Unix tools take it
// (`ffmpeg … -f matroska - | faceflash analyze -`); the parser would take it for an option.
var parse = root.Parse(args.Length == 0 ? ["--help"] : [.. args.Select(a => a == "-" ? FaceFlash.Pipeline.Jobs.OutputPaths.StandardInput : a)]);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {ParseErrors.Plain(error.Message)}");
    Console.Error.WriteLine("Run 'faceflash --help' for usage.");
    return ExitCodes.Usage;
}

// The log file's folder is made, and one that cannot be written is said now: Serilog would drop the lines silently.
if (parse.GetValue(CommonOptions.LogFile) is { } logFile && FaceFlash.Pipeline.Batch.OutputFolder.UnwritableFor(logFile) is { } noLog)
{
    Console.Error.WriteLine($"error: --log {logFile}: {noLog}");
    return ExitCodes.InputFailed;
}
Logging.Configure(parse.GetValue(CommonOptions.Quiet), parse.GetValue(CommonOptions.LogFile));

// Ctrl+C and SIGTERM cancel the work, which then flushes and commits what it wrote before the process exits.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    if (!interrupted.IsCancellationRequested) Log.Warning("Interrupted: finishing the frames in flight and closing the files");
    interrupted.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);

try
{
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
    return await parse.InvokeAsync(invocation, interrupted.Token);
}
catch (ModelLoadException e)
{
    Log.Error("{Reason}", e.Message);
    return ExitCodes.Internal;
}
catch (Exception e)
{
    // One line on the terminal; the stack trace goes only to the --log file.
    Log.Debug(e, "Unexpected failure");
    Console.Error.WriteLine($"error: unexpected failure: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    return ExitCodes.Internal;
}
finally
{
    await Log.CloseAndFlushAsync();
}
