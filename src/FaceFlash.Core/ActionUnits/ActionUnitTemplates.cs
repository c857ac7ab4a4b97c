using System.Numerics;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// How each action unit moves the tracked points, after FACS: a direction per landmark in the pose-normalised face
/// frame (x towards the subject's left, y down, unit = outer eye-corner distance). Directions are scaled so the
/// strongest point of each AU moves by 1, so a fitted weight is that point's displacement in eye-distance units.
/// AU12 and AU14 are fitted per side; their bilateral values are derived.
/// </summary>
public static class ActionUnitTemplates
{
    /// <summary>The AUs fitted to motion, in column order of <see cref="Matrix"/>.</summary>
    public static readonly ActionUnit[] Fitted = ActionUnitInfo.All.Where(a => a is not (ActionUnit.AU12 or ActionUnit.AU14)).ToArray();

    public static readonly IReadOnlyDictionary<ActionUnit, (int Landmark, Vector2 Direction)[]> Terms = Build();

    private static Dictionary<ActionUnit, (int, Vector2)[]> Build()
    {
        var t = new Dictionary<ActionUnit, List<(int, Vector2)>>();
        void Add(ActionUnit au, int[] points, float dx, float dy)
        {
            if (!t.TryGetValue(au, out var list)) t[au] = list = [];
            list.AddRange(points.Select(p => (p, new Vector2(dx, dy))));
        }
        // Sided helper: "out" is towards the subject's side of the face (−x on the right, +x on the left).
        void Sided(ActionUnit au, int[] right, int[] left, float outward, float dy)
        {
            Add(au, right, -outward, dy);
            Add(au, left, outward, dy);
        }

        Sided(ActionUnit.AU01, FaceRegions.InnerBrowR, FaceRegions.InnerBrowL, 0, -1);
        Sided(ActionUnit.AU01, FaceRegions.MidBrowR, FaceRegions.MidBrowL, 0, -0.4f);

        Sided(ActionUnit.AU02, FaceRegions.OuterBrowR, FaceRegions.OuterBrowL, 0, -1);
        Sided(ActionUnit.AU02, FaceRegions.MidBrowR, FaceRegions.MidBrowL, 0, -0.6f);

        Sided(ActionUnit.AU04, FaceRegions.InnerBrowR, FaceRegions.InnerBrowL, -0.45f, 0.8f);
        Sided(ActionUnit.AU04, FaceRegions.MidBrowR, FaceRegions.MidBrowL, -0.25f, 0.6f);
        Sided(ActionUnit.AU04, FaceRegions.OuterBrowR, FaceRegions.OuterBrowL, 0, 0.3f);

        Sided(ActionUnit.AU05, FaceRegions.UpperLidR, FaceRegions.UpperLidL, 0, -1);

        Sided(ActionUnit.AU06, FaceRegions.CheekR, FaceRegions.CheekL, 0, -1);
        Sided(ActionUnit.AU06, FaceRegions.LowerLidR, FaceRegions.LowerLidL, 0, -0.5f);

        Sided(ActionUnit.AU07, FaceRegions.LowerLidR, FaceRegions.LowerLidL, 0, -1);
        Sided(ActionUnit.AU07, FaceRegions.UpperLidR, FaceRegions.UpperLidL, 0, 0.25f);

        Sided(ActionUnit.AU09, FaceRegions.NoseWingR, FaceRegions.NoseWingL, 0, -1);
        Sided(ActionUnit.AU09, FaceRegions.InnerBrowR, FaceRegions.InnerBrowL, -0.2f, 0.4f);
        Sided(ActionUnit.AU09, FaceRegions.UpperLipR, FaceRegions.UpperLipL, 0, -0.3f);

        Sided(ActionUnit.AU10, FaceRegions.UpperLipR, FaceRegions.UpperLipL, 0, -1);
        Add(ActionUnit.AU10, FaceRegions.UpperLipCentre, 0, -0.8f);
        Sided(ActionUnit.AU10, FaceRegions.NoseWingR, FaceRegions.NoseWingL, 0, -0.3f);

        foreach (var (au, corner, cheek, lip, side) in new[]
                 {
                     (ActionUnit.AU12R, FaceRegions.CornerR, FaceRegions.CheekR, FaceRegions.UpperLipR, -1f),
                     (ActionUnit.AU12L, FaceRegions.CornerL, FaceRegions.CheekL, FaceRegions.UpperLipL, 1f),
                 })
        {
            Add(au, corner, 0.6f * side, -0.8f);
            Add(au, cheek, 0, -0.25f);
            Add(au, lip, 0.2f * side, -0.2f);
        }
        Add(ActionUnit.AU14R, FaceRegions.CornerR, 0.7f, -0.2f); // right corner pulled in: towards +x
        Add(ActionUnit.AU14L, FaceRegions.CornerL, -0.7f, -0.2f);

        Sided(ActionUnit.AU15, FaceRegions.CornerR, FaceRegions.CornerL, 0.15f, 1);
        Sided(ActionUnit.AU15, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0, 0.3f);

        Add(ActionUnit.AU17, FaceRegions.Chin, 0, -1);
        Add(ActionUnit.AU17, FaceRegions.LowerLipCentre, 0, -0.7f);
        Sided(ActionUnit.AU17, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0, -0.5f);
        Add(ActionUnit.AU17, FaceRegions.LowerLipInner, 0, -0.4f);

        Sided(ActionUnit.AU20, FaceRegions.CornerR, FaceRegions.CornerL, 1, 0.15f);
        Sided(ActionUnit.AU20, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0.3f, 0);

        Add(ActionUnit.AU23, FaceRegions.UpperLipCentre, 0, 0.5f);
        Add(ActionUnit.AU23, FaceRegions.LowerLipCentre, 0, -0.5f);
        Sided(ActionUnit.AU23, FaceRegions.CornerR, FaceRegions.CornerL, -0.4f, 0);
        Sided(ActionUnit.AU23, FaceRegions.UpperLipR, FaceRegions.UpperLipL, 0, 0.4f);
        Sided(ActionUnit.AU23, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0, -0.4f);

        Add(ActionUnit.AU25, FaceRegions.LowerLipInner, 0, 1);
        Add(ActionUnit.AU25, FaceRegions.LowerLipCentre, 0, 0.7f);
        Sided(ActionUnit.AU25, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0, 0.6f);
        Add(ActionUnit.AU25, FaceRegions.UpperLipCentre, 0, -0.3f);

        Add(ActionUnit.AU26, FaceRegions.Chin, 0, 1);
        Add(ActionUnit.AU26, FaceRegions.LowerLipCentre, 0, 0.9f);
        Sided(ActionUnit.AU26, FaceRegions.LowerLipR, FaceRegions.LowerLipL, 0, 0.8f);
        Add(ActionUnit.AU26, FaceRegions.LowerLipInner, 0, 0.9f);
        // The dropping jaw takes the mouth corners down with the lower lip, about half as far: without them here, a
        // jaw drop reads as AU15 (corners down) and AU12/AU14 as well, and surprise matches no prototype.
        Sided(ActionUnit.AU26, FaceRegions.CornerR, FaceRegions.CornerL, 0, 0.45f);

        Sided(ActionUnit.AU45, FaceRegions.UpperLidR, FaceRegions.UpperLidL, 0, 1);
        Sided(ActionUnit.AU45, FaceRegions.LowerLidR, FaceRegions.LowerLidL, 0, -0.15f);

        return t.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>
    /// The design matrix: rows are (x, y) of each point of <see cref="FaceRegions.Tracked"/> in order, columns are
    /// <see cref="Fitted"/>. Stable points have all-zero rows (they only anchor the rigid fit).
    /// </summary>
    public static float[] Matrix()
    {
        var rows = 2 * FaceRegions.Tracked.Length;
        var cols = Fitted.Length;
        var m = new float[rows * cols];
        for (var c = 0; c < cols; c++)
            foreach (var (landmark, d) in Terms[Fitted[c]])
            {
                var row = 2 * Array.IndexOf(FaceRegions.Tracked, landmark);
                m[row * cols + c] += d.X;
                m[(row + 1) * cols + c] += d.Y;
            }
        return m;
    }
}
