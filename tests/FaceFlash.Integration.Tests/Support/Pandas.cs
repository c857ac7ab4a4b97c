using System.Diagnostics;
using System.Text.Json;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>
/// Runs a Python script with Debian's python3 and its pandas (installed by the test command), the way researchers'
/// scripts read FaceFlash's files; the script prints one JSON object.
/// </summary>
public static class Pandas
{
    private const string Python = "/usr/bin/python3";

    public static JsonElement Run(string script, params string[] args)
    {
        Assert.SkipUnless(Available, $"{Python} with pandas is not installed (the test command installs python3-pandas)");
        var file = Path.Combine(Path.GetTempPath(), $"faceflash-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        try
        {
            var (code, stdout, stderr) = Execute([file, .. args]);
            Assert.True(code == 0, $"python failed ({code}): {stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static bool Available { get; } = File.Exists(Python) && Execute(["-c", "import pandas"]).Code == 0;

    private static (int Code, string Stdout, string Stderr) Execute(string[] args)
    {
        var psi = new ProcessStartInfo(Python, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
