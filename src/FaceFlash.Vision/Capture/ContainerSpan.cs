using System.Globalization;
using FaceFlash.Vision.Platform;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// How far a file's packets of any track reach, read by FFmpeg's <c>ffprobe</c> (demuxing only, no decoding). Where a
/// container does not count a video's frames (Matroska, WebM, transport streams), OpenCV takes the count from the
/// file's duration, which is that of its longest track: a video whose sound goes on after its picture looked as if its
/// end had been lost. The packets tell the two apart: in a file cut short no track reaches the duration; in a whole
/// one some track does.
/// </summary>
internal static class ContainerSpan
{
    /// <summary>How long the scan may take (0.13 s for 9.8 minutes of 25 fps video, here).</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The time from the first packet of any track to the last, in ms; null when it cannot be read (no <c>ffprobe</c>
    /// installed, a file it cannot read, or too long a scan).
    /// </summary>
    public static double? Of(string path)
    {
        if (CommandLineTool.TryStart("ffprobe", ["-v", "error", "-show_entries", "packet=pts_time", "-of", "csv=p=0", path], readOutput: true) is not { } probe)
            return null; // not installed
        using (probe)
        {
            probe.ErrorDataReceived += (_, _) => { }; // FFmpeg's complaints about a cut file are not ours to print
            probe.BeginErrorReadLine();
            var (first, last) = (double.PositiveInfinity, double.NegativeInfinity);
            var reading = Task.Run(() =>
            {
                while (probe.StandardOutput.ReadLine() is { } line)
                    if (double.TryParse(line.TrimEnd(','), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                        (first, last) = (Math.Min(first, seconds), Math.Max(last, seconds));
            });
            if (!reading.Wait(Timeout))
            {
                probe.Kill();
                return null;
            }
            probe.WaitForExit();
            return last >= first ? (last - first) * 1000 : null;
        }
    }
}
