using System.Diagnostics;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>Runs the real faceflash program (built beside the tests) as a separate process.</summary>
public static class FaceflashCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "faceflash.dll");

    public static Process Start(params string[] args) => Start(args, redirectInput: false);

    /// <summary>Starts faceflash; with <paramref name="redirectInput"/> its standard input is a pipe the caller holds open.</summary>
    public static Process Start(string[] args, bool redirectInput)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
        };
        return Process.Start(psi)!;
    }

    public static Result Run(params string[] args) => Run(args, stdinFile: null);

    /// <summary>
    /// Runs another program the same way — a sample built beside the tests, or faceflash under a wrapper such as
    /// <c>unshare</c> — its output captured, within the same time limit.
    /// </summary>
    public static Result RunProgram(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        return Finish(process, Task.CompletedTask, $"{file} {string.Join(' ', args)}");
    }

    /// <summary>Runs faceflash with <paramref name="stdinFile"/>'s bytes piped into its standard input, as a shell pipeline would.</summary>
    public static Result RunWithStdin(string stdinFile, params string[] args) => Run(args, stdinFile);

    private static Result Run(string[] args, string? stdinFile)
    {
        using var process = Start(args, stdinFile is not null);
        var feed = stdinFile is null ? Task.CompletedTask : Task.Run(async () =>
        {
            try
            {
                await using (var input = File.OpenRead(stdinFile)) await input.CopyToAsync(process.StandardInput.BaseStream);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // faceflash stopped reading (it refused the input): a shell's pipe would break the same way.
            }
        });
        return Finish(process, feed, $"faceflash {string.Join(' ', args)}");
    }

    private static Result Finish(Process process, Task feed, string what)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish");
        }
        feed.Wait();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
