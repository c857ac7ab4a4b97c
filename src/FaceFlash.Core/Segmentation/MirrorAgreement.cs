using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Scoring;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Whether an expression is found again when the same video is analysed mirrored left to right (<c>analyze
/// --mirror-check</c>). A mirror image shows the same face doing the same thing, but every measurement in FaceFlash —
/// where FaceMesh puts each point, what texture the flow follows — comes out a little different, so a movement that
/// only just crossed a threshold is often not found in it, while a clear one is: on the tuning sets' real talking faces
/// 22 of 31 micro-expressions found were found again and 1 of 14 false flags (docs/measurements-log.md, thirty-fourth
/// session).
/// </summary>
/// <param name="imageWidth">the frames' width in pixels, across which the mirror image is flipped</param>
public sealed class MirrorAgreement(int imageWidth)
{
    /// <summary>
    /// How much of the two expressions' time must be shared (intersection over union): chosen on the tuning sets, where
    /// 0.3 and 0.5 kept the same found expressions (22 and 21 of 31) and 0.2 three times the false flags.
    /// </summary>
    public const double MinOverlap = 0.3;

    private readonly List<(Interval Time, Vector2 Centre)> _mirrored = [];

    /// <summary>Expressions the mirrored analysis found.</summary>
    public int MirroredCount => _mirrored.Count;

    /// <summary>Adds an expression the mirrored analysis found, with where its face was in the mirrored frames.</summary>
    public void AddMirrored(ExpressionEvent mirrored, FaceRegion faceInMirror) =>
        _mirrored.Add((new Interval(mirrored.OnsetMs, mirrored.OffsetMs), new Vector2(imageWidth - 1 - faceInMirror.Centre.X, faceInMirror.Centre.Y)));

    /// <summary>
    /// Whether the mirrored analysis found this expression too: one that shares <see cref="MinOverlap"/> of its time,
    /// on a face within half this face's region of it (so that with several faces in view, each is checked against
    /// its own).
    /// </summary>
    public bool FoundAgain(ExpressionEvent expression, FaceRegion face)
    {
        var time = new Interval(expression.OnsetMs, expression.OffsetMs);
        return _mirrored.Any(m => m.Time.IntersectionOverUnion(time) >= MinOverlap && Vector2.Distance(m.Centre, face.Centre) <= face.Size / 2);
    }
}
