using System.Diagnostics;
using FaceFlash.Core.Output;

namespace FaceFlash.Synthesis;

/// <summary>Re-encodes a clip as H.264 with FFmpeg's libx264 (the codec of nearly every camera and phone recording).</summary>
internal static class H264
{
    /// <summary>Encodes <paramref name="source"/> into <paramref name="target"/> (written under a temporary name), deletes the source, returns the target.</summary>
    public static string Encode(string source, string target, int crf)
    {
        var partial = target + AtomicFile.PartialSuffix + ".mp4"; // FFmpeg picks the container from the extension
        var psi = new ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-y", "-i", source, "-c:v", "libx264", "-preset", "medium",
            "-crf", crf.ToString(System.Globalization.CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", partial])
        {
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new IOException("ffmpeg is not installed: H.264 clips need it (tools/setup.sh installs it)");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                File.Delete(partial);
                throw new IOException($"ffmpeg could not encode {source}: {error.Trim()}");
            }
        }
        File.Move(partial, target, overwrite: true);
        File.Delete(source);
        return target;
    }
}
