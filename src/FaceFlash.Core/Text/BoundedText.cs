using System.Globalization;
using System.Text;

namespace FaceFlash.Core.Text;

/// <summary>
/// Reads a small text file a user names (a list of inputs, a camera calibration) whole, up to a limit: a device, a
/// video or another binary file named by mistake (<c>--list /dev/zero</c>, <c>--list clip.mp4</c>) is refused in one
/// line rather than filling memory or being read as names. A pipe (<c>--list &lt;(find …)</c>) is read like a file.
/// </summary>
public static class BoundedText
{
    /// <summary>The text, or a <see cref="FormatException"/> saying why the file is not <paramref name="what"/> (the caller names the file).</summary>
    public static string Read(string path, int maxChars, string what)
    {
        using var reader = new StreamReader(path);
        var text = new StringBuilder();
        var chunk = new char[64 * 1024];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + read > maxChars)
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"longer than {maxChars} characters, so not {what}"));
            if (chunk.AsSpan(0, read).Contains('\0')) throw new FormatException($"binary data, not {what}");
            text.Append(chunk, 0, read);
        }
        return text.ToString();
    }
}
