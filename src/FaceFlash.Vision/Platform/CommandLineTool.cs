using System.ComponentModel;
using System.Diagnostics;

namespace FaceFlash.Vision.Platform;

/// <summary>
/// Starts one of FFmpeg's command-line tools (<c>ffmpeg</c>, <c>ffprobe</c>), which do what OpenCV's bundled FFmpeg
/// cannot (network protocols, a file's packets of every track); its standard error is redirected for the caller.
/// </summary>
internal static class CommandLineTool
{
    /// <summary>The started tool, or null when it is not installed.</summary>
    public static Process? TryStart(string tool, IEnumerable<string> arguments, bool readOutput = false)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = readOutput, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            return Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
