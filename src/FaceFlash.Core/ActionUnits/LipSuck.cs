using FaceFlash.Core.Faces;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// AU28 (lip suck) from the lips' shape alone, for OpenFace's <c>AU28_c</c>: the lips are drawn into the mouth when
/// the visible red of both lips together is thinner than <see cref="PresentBelow"/> of the mouth's width. On the
/// shared clip cap13 (exaggerated faces, open mouths, smiles) that ratio runs 0.31–0.47. A fixed ratio, not learnt:
/// thin-lipped faces read nearer to it.
/// </summary>
public static class LipSuck
{
    public const float PresentBelow = 0.12f;

    /// <summary>Visible lip height (upper plus lower) over mouth width.</summary>
    public static float VisibleLipRatio(FaceObservation face)
    {
        var upper = (face.Point(FaceMeshTopology.UpperLipTop) - face.Point(FaceMeshTopology.UpperLipInner)).Length();
        var lower = (face.Point(FaceMeshTopology.LowerLipInner) - face.Point(FaceMeshTopology.LowerLipBottom)).Length();
        var width = (face.Point(FaceMeshTopology.MouthRightCorner) - face.Point(FaceMeshTopology.MouthLeftCorner)).Length();
        return width > 0 ? (upper + lower) / width : float.NaN;
    }

    public static bool Present(FaceObservation face) => VisibleLipRatio(face) < PresentBelow;
}
