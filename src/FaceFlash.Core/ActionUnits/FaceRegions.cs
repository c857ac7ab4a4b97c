namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// Landmark-anchored regions of the face whose motion FaceFlash measures, as FaceMesh indices. Right (R) and left
/// (L) are the subject's; each left list mirrors its right list point for point.
/// </summary>
public static class FaceRegions
{
    /// <summary>Eye corners and nose bridge (<see cref="Faces.FaceMeshTopology.Anchors"/>): they define the rigid head motion.</summary>
    public static readonly int[] Anchors = Faces.FaceMeshTopology.Anchors;

    public static readonly int[] InnerBrowR = [55, 65, 107], InnerBrowL = [285, 295, 336];
    public static readonly int[] MidBrowR = [52, 105, 66], MidBrowL = [282, 334, 296];
    public static readonly int[] OuterBrowR = [46, 53, 70, 63], OuterBrowL = [276, 283, 300, 293];
    public static readonly int[] UpperLidR = [159, 158, 160, 161], UpperLidL = [386, 385, 387, 388];
    public static readonly int[] LowerLidR = [145, 144, 153], LowerLidL = [374, 373, 380];
    public static readonly int[] CheekR = [50, 101, 118, 117], CheekL = [280, 330, 347, 346];
    public static readonly int[] NoseWingR = [98, 129, 64], NoseWingL = [327, 358, 294];
    public static readonly int[] UpperLipR = [37, 39], UpperLipL = [267, 269];
    public static readonly int[] CornerR = [61, 78], CornerL = [291, 308];
    public static readonly int[] LowerLipR = [84, 181], LowerLipL = [314, 405];
    public static readonly int[] UpperLipCentre = [0, 13];
    public static readonly int[] LowerLipCentre = [17];
    public static readonly int[] LowerLipInner = [14];
    public static readonly int[] Chin = [152, 175, 199, 200];

    /// <summary>Every point that is tracked: the anchors first, then the regions, each once.</summary>
    public static readonly int[] Tracked = Anchors
        .Concat(InnerBrowR).Concat(InnerBrowL).Concat(MidBrowR).Concat(MidBrowL).Concat(OuterBrowR).Concat(OuterBrowL)
        .Concat(UpperLidR).Concat(UpperLidL).Concat(LowerLidR).Concat(LowerLidL).Concat(CheekR).Concat(CheekL)
        .Concat(NoseWingR).Concat(NoseWingL).Concat(UpperLipR).Concat(UpperLipL).Concat(CornerR).Concat(CornerL)
        .Concat(LowerLipR).Concat(LowerLipL).Concat(UpperLipCentre).Concat(LowerLipCentre).Concat(LowerLipInner).Concat(Chin)
        .Distinct().ToArray();
}
