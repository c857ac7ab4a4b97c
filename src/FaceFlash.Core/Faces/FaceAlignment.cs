using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Faces;

/// <summary>
/// Where a face is put in an aligned face image (<c>--format aligned</c>, as OpenFace's <c>-simalign</c> writes
/// them): the similarity that best maps the face's anchors — eye corners and nose bridge, which an expression barely
/// moves (<see cref="FaceMeshTopology.Anchors"/>) — onto a frontal template, so that the face keeps its place, size
/// and roll from frame to frame while its expression changes. The template is MediaPipe's canonical face seen from the
/// front (<see cref="CanonicalFace"/>), its outer eye corners <see cref="EyeSpan"/> of the side apart with their line
/// <see cref="EyeLine"/> of the side from the top: brows to chin fit in the square.
/// </summary>
public static class FaceAlignment
{
    /// <summary>OpenFace's default side (<c>-simsize 112</c>).</summary>
    public const int DefaultSize = 112;

    /// <summary>The outer eye corners' distance, a share of the side.</summary>
    public const float EyeSpan = 0.38f;

    /// <summary>The outer eye corners' height from the top, a share of the side.</summary>
    public const float EyeLine = 0.38f;

    /// <summary>Where each anchor (in <see cref="FaceMeshTopology.Anchors"/>' order) lies in an aligned image of the given side.</summary>
    public static Vector2[] Template(int size)
    {
        var right = Frontal(FaceMeshTopology.RightEyeOuter);
        var left = Frontal(FaceMeshTopology.LeftEyeOuter);
        var scale = EyeSpan * size / Vector2.Distance(right, left);
        var eyes = (right + left) / 2;
        var at = new Vector2(size / 2f, EyeLine * size);
        return FaceMeshTopology.Anchors.Select(i => at + (Frontal(i) - eyes) * scale).ToArray();
    }

    /// <summary>
    /// The similarity from aligned-image pixels to the face's image pixels (what a warp samples with), fitted to the
    /// face's anchors; <paramref name="anchors"/> in <see cref="FaceMeshTopology.Anchors"/>' order.
    /// </summary>
    public static SimilarityTransform AlignedToImage(ReadOnlySpan<Vector2> anchors, ReadOnlySpan<Vector2> template) =>
        SimilarityTransform.Fit(template, anchors);

    private static Vector2 Frontal(int index) => new(CanonicalFace.FromMediaPipe[index].X, CanonicalFace.FromMediaPipe[index].Y);
}
