using System.Globalization;

namespace FaceFlash.Core.Frames;

/// <summary>
/// A capture mode asked of a camera: any of its frame size, frame rate and pixel format; what is not asked stays the
/// camera's own. A webcam opened without one gives its driver's default — often 640 × 480 at 30 fps, or less in a raw
/// format over USB 2 — however fast it can go, and micro-expressions need the rate.
/// </summary>
public sealed record CameraMode
{
    /// <summary>The pixel formats a camera can be asked for: compressed MJPEG (fast modes over USB) or raw YUYV.</summary>
    public static readonly IReadOnlyList<string> Formats = ["mjpg", "yuyv"];

    public int? Width { get; init; }
    public int? Height { get; init; }
    public double? Fps { get; init; }

    /// <summary>One of <see cref="Formats"/>, or null.</summary>
    public string? Format { get; init; }

    public bool AsksAnything => Width is not null || Fps is not null || Format is not null;

    /// <summary>Reads <c>1280x720</c> (or <c>1280×720</c>); false for anything else.</summary>
    public static bool TryParseSize(string text, out int width, out int height)
    {
        width = height = 0;
        var parts = text.Trim().ToLowerInvariant().Split('x', '×');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out width)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out height) && width > 0 && height > 0;
    }

    /// <summary>
    /// What the camera delivers where it is not what was asked, in one line (drivers fall back to the nearest mode they
    /// have without an error); null when every asked part was given. A rate within 1 % counts as given (29.97 for 30).
    /// </summary>
    public string? Shortfall(int width, int height, double fps, string format)
    {
        var missed = new List<string>();
        if (Width is { } w && Height is { } h && (w, h) != (width, height)) missed.Add($"{width}×{height} instead of {w}×{h}");
        if (Fps is { } f && !(Math.Abs(fps - f) <= 0.01 * f)) missed.Add(string.Create(CultureInfo.InvariantCulture, $"{fps:0.##} fps instead of {f:0.##}"));
        if (Format is { } asked && !string.Equals(asked, format, StringComparison.OrdinalIgnoreCase)) missed.Add($"{format} instead of {asked}");
        return missed.Count == 0 ? null : $"the camera gives {string.Join(", ", missed)}: it has no such mode (v4l2-ctl --list-formats-ext lists those it has)";
    }

    public override string ToString() => string.Join(", ",
        new[] { Width is { } w ? $"{w}×{Height}" : null, Fps is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f:0.##} fps") : null, Format }
            .Where(p => p is not null));
}
