namespace FaceFlash.Core.Geometry;

/// <summary>
/// The frame size at which an anamorphic video's pixels are square. DV, HDV and some camcorders store pixels wider or
/// narrower than they are high (a sample aspect ratio other than 1:1), and players stretch them when showing them.
/// Read as stored, faces are squeezed, and the face models and AU geometry, made for faces of their true shape, read
/// the squeeze as expression (cap13 squeezed to 4:3 pixels: 12 events, nine of them "disgust", against 4). Frames are
/// therefore stretched to this size; only one side is ever enlarged, so no detail is lost.
/// </summary>
public static class SquarePixels
{
    /// <param name="width">The frame as decoded (after any rotation the container asks for).</param>
    /// <param name="height">The frame as decoded.</param>
    /// <param name="sampleAspect">A stored pixel's width over its height; 0 or NaN when the container does not say.</param>
    /// <param name="quarterTurned">The picture is shown turned by 90° or 270°, so a stored pixel's width runs vertically.</param>
    public static (int Width, int Height) Size(int width, int height, double sampleAspect, bool quarterTurned)
    {
        if (!IsAnamorphic(sampleAspect)) return (width, height);
        var across = quarterTurned ? 1 / sampleAspect : sampleAspect; // a pixel's width over its height as shown
        return across > 1 ? ((int)Math.Round(width * across), height) : (width, (int)Math.Round(height / across));
    }

    /// <summary>Whether pixels of this aspect need stretching (not square, and known).</summary>
    public static bool IsAnamorphic(double sampleAspect) =>
        sampleAspect > 0 && double.IsFinite(sampleAspect) && Math.Abs(sampleAspect - 1) > 1e-3;
}
