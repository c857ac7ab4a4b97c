using System.Diagnostics;
using System.Globalization;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>Makes test clips with the ffmpeg command line (installed by the README's test command).</summary>
public static class Ffmpeg
{
    public static void Run(params string[] args) => Exec("ffmpeg", ["-loglevel", "error", "-y", .. args]);

    /// <summary>Presentation times (ms) of every video frame, as ffprobe reads them.</summary>
    public static List<double> FrameTimesMs(string video) =>
        FrameTimeCells(video).Select(c => double.Parse(c, CultureInfo.InvariantCulture) * 1000).ToList();

    /// <summary>Whether the first video stream's last frame carries no presentation time (ffprobe's N/A).</summary>
    public static bool LastFrameHasNoTime(string video) => FrameTimeCells(video).Last() == "N/A";

    private static IEnumerable<string> FrameTimeCells(string video) =>
        Exec("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", video])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.TrimEnd(','));

    /// <summary>The codec of the first video stream, as ffprobe names it (h264, mjpeg, …).</summary>
    public static string Codec(string video) =>
        Exec("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", video]).Trim();

    private static string Exec(string tool, string[] args)
    {
        var psi = new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} is not installed; the README's test command installs it");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {stderr}");
            return stdout.Result;
        }
    }
}
