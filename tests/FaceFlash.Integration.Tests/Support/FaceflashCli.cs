using System.Diagnostics;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>Runs the real faceflash program (built beside the tests) as a separate process.</summary>
public static class FaceflashCli
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "faceflash.dll");

    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return Process.Start(psi)!;
    }

    public static Result Run(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"faceflash {string.Join(' ', args)} did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
