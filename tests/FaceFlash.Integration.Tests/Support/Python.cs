using System.Diagnostics;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>Debian's python3, which the test command installs (with pandas) and the repository's tools/*.py scripts use.</summary>
public static class Python
{
    public const string Executable = "/usr/bin/python3";

    public static bool Installed => File.Exists(Executable);

    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Executable, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
