using System.Text.Json;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>
/// Runs a Python script with Debian's python3 and its pandas (installed by the test command), the way researchers'
/// scripts read FaceFlash's files; the script prints one JSON object.
/// </summary>
public static class Pandas
{
    public static JsonElement Run(string script, params string[] args)
    {
        Assert.SkipUnless(Available, $"{Python.Executable} with pandas is not installed (the test command installs python3-pandas)");
        var file = Path.Combine(Path.GetTempPath(), $"faceflash-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, script);
        try
        {
            var (code, stdout, stderr) = Python.Run([file, .. args]);
            Assert.True(code == 0, $"python failed ({code}): {stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static bool Available { get; } = Python.Installed && Python.Run("-c", "import pandas").Code == 0;
}
