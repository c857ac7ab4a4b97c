using System.Text.Json;

namespace FaceFlash.Core.Faces;

/// <summary>
/// The pinhole camera that head pose is solved for: focal lengths and principal point in pixels. Any value left out
/// takes OpenFace's uncalibrated default — a focal length of 500 px per 640 px of image width, the principal point at
/// the image centre — so absolute pose is approximate unless the camera is calibrated.
/// </summary>
public sealed record CameraIntrinsics
{
    public double? Fx { get; init; }
    public double? Fy { get; init; }
    public double? Cx { get; init; }
    public double? Cy { get; init; }

    /// <summary>The uncalibrated default focal length, per pixel of image width.</summary>
    public const double DefaultFocalPerWidth = 500.0 / 640.0;

    /// <summary>The camera for an image of this size, defaults filled in.</summary>
    public PinholeCamera For(int width, int height)
    {
        var fx = Fx ?? Fy ?? DefaultFocalPerWidth * width;
        return new PinholeCamera(fx, Fy ?? fx, Cx ?? width / 2.0, Cy ?? height / 2.0);
    }

    /// <summary>Beyond a million pixels the head-pose solver fails on every face (a 600 mm lens on 3 µm pixels is 200 000).</summary>
    public const double MaxPixels = 1e6;

    public static bool IsFocalLength(double px) => px is > 0 and <= MaxPixels;

    public static bool IsPrincipalCoordinate(double px) => px is >= 0 and <= MaxPixels;

    /// <summary>
    /// Reads a calibration file: JSON with <c>fx</c>, <c>fy</c>, <c>cx</c>, <c>cy</c> in pixels (any may be left out).
    /// Throws <see cref="FormatException"/> with a one-line reason when it cannot.
    /// </summary>
    public static CameraIntrinsics Load(string path)
    {
        try
        {
            using var json = JsonDocument.Parse(Text.BoundedText.Read(path, 1_000_000, "a calibration file"));
            double? Value(string name) => json.RootElement.TryGetProperty(name, out var v) ? v.GetDouble() : null;
            var intrinsics = new CameraIntrinsics { Fx = Value("fx"), Fy = Value("fy"), Cx = Value("cx"), Cy = Value("cy") };
            if (new[] { intrinsics.Fx, intrinsics.Fy }.Any(f => f is { } px && !IsFocalLength(px))
                || new[] { intrinsics.Cx, intrinsics.Cy }.Any(c => c is { } px && !IsPrincipalCoordinate(px)))
                throw new FormatException("focal lengths must be positive and the principal point not negative, both at most 1e6 pixels");
            return intrinsics;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"calibration file {path}: {e.Message}", e);
        }
    }
}
