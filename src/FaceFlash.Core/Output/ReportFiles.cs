namespace FaceFlash.Core.Output;

/// <summary>
/// The names of what <c>faceflash report</c> writes per video, known here so that a folder walk passes over its drawn
/// video: analysing a video with a face mesh painted on it would report the paint.
/// </summary>
public static class ReportFiles
{
    /// <summary>After the stem: the HTML page.</summary>
    public const string PageSuffix = ".report.html";

    /// <summary>After the stem: the tracked video, the input with what was found drawn on it (<c>report --tracked</c>).</summary>
    public const string TrackedVideoSuffix = ".tracked.avi";

    /// <summary>Whether a file is a tracked video: <c>&lt;stem&gt;.tracked.avi</c> beside <c>&lt;stem&gt;.report.html</c>.</summary>
    public static bool IsTrackedVideo(string file) =>
        file.EndsWith(TrackedVideoSuffix, StringComparison.Ordinal) && File.Exists(file[..^TrackedVideoSuffix.Length] + PageSuffix);
}
