namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// Turns MediaPipe's 52 blendshape scores (0–1, ARKit names) into FACS action-unit intensities on the 0–5 scale: each
/// AU is the mean of the blendshapes that describe the same movement, times 5. The correspondence follows the ARKit
/// blendshape definitions; AU23 (lip tightener) has no blendshape of its own and is read from the lip press, and AU25
/// (lips part) from the lower lip pulled down. "Left" in a blendshape name is the subject's left.
/// </summary>
public static class BlendshapeActionUnits
{
    /// <summary>The 52 scores of MediaPipe's blendshape model, in its output order (face_blendshapes_graph.cc).</summary>
    public static readonly IReadOnlyList<string> MediaPipeBlendshapes =
    [
        "_neutral", "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight", "cheekPuff",
        "cheekSquintLeft", "cheekSquintRight", "eyeBlinkLeft", "eyeBlinkRight", "eyeLookDownLeft", "eyeLookDownRight",
        "eyeLookInLeft", "eyeLookInRight", "eyeLookOutLeft", "eyeLookOutRight", "eyeLookUpLeft", "eyeLookUpRight",
        "eyeSquintLeft", "eyeSquintRight", "eyeWideLeft", "eyeWideRight", "jawForward", "jawLeft", "jawOpen", "jawRight",
        "mouthClose", "mouthDimpleLeft", "mouthDimpleRight", "mouthFrownLeft", "mouthFrownRight", "mouthFunnel", "mouthLeft",
        "mouthLowerDownLeft", "mouthLowerDownRight", "mouthPressLeft", "mouthPressRight", "mouthPucker", "mouthRight",
        "mouthRollLower", "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight",
        "mouthStretchLeft", "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight", "noseSneerLeft", "noseSneerRight",
    ];

    private static readonly (ActionUnit Au, string[] Blendshapes)[] Correspondence =
    [
        (ActionUnit.AU01, ["browInnerUp"]),
        (ActionUnit.AU02, ["browOuterUpLeft", "browOuterUpRight"]),
        (ActionUnit.AU04, ["browDownLeft", "browDownRight"]),
        (ActionUnit.AU05, ["eyeWideLeft", "eyeWideRight"]),
        (ActionUnit.AU06, ["cheekSquintLeft", "cheekSquintRight"]),
        (ActionUnit.AU07, ["eyeSquintLeft", "eyeSquintRight"]),
        (ActionUnit.AU09, ["noseSneerLeft", "noseSneerRight"]),
        (ActionUnit.AU10, ["mouthUpperUpLeft", "mouthUpperUpRight"]),
        (ActionUnit.AU12, ["mouthSmileLeft", "mouthSmileRight"]),
        (ActionUnit.AU14, ["mouthDimpleLeft", "mouthDimpleRight"]),
        (ActionUnit.AU15, ["mouthFrownLeft", "mouthFrownRight"]),
        (ActionUnit.AU17, ["mouthShrugLower"]),
        (ActionUnit.AU20, ["mouthStretchLeft", "mouthStretchRight"]),
        (ActionUnit.AU23, ["mouthPressLeft", "mouthPressRight"]),
        (ActionUnit.AU25, ["mouthLowerDownLeft", "mouthLowerDownRight"]),
        (ActionUnit.AU26, ["jawOpen"]),
        (ActionUnit.AU45, ["eyeBlinkLeft", "eyeBlinkRight"]),
        (ActionUnit.AU12L, ["mouthSmileLeft"]),
        (ActionUnit.AU12R, ["mouthSmileRight"]),
        (ActionUnit.AU14L, ["mouthDimpleLeft"]),
        (ActionUnit.AU14R, ["mouthDimpleRight"]),
    ];

    /// <summary>Every AU the blendshapes give.</summary>
    public static ActionUnitSet Measured { get; } = ActionUnitSet.Of(Correspondence.Select(c => c.Au));

    /// <summary>For each AU in <see cref="Correspondence"/>, the positions of its blendshapes in <paramref name="names"/>.</summary>
    public static (ActionUnit Au, int[] Indices)[] Resolve(IReadOnlyList<string> names)
    {
        var order = names.ToList();
        return Correspondence.Select(c => (c.Au, c.Blendshapes.Select(b =>
        {
            var i = order.IndexOf(b);
            return i >= 0 ? i : throw new ArgumentException($"the blendshape model has no output '{b}'");
        }).ToArray())).ToArray();
    }

    /// <summary>Writes AU intensities (0–5, in <see cref="ActionUnit"/> order) from one frame's blendshape scores.</summary>
    public static void Fill((ActionUnit Au, int[] Indices)[] resolved, ReadOnlySpan<float> scores, Span<float> intensities)
    {
        intensities.Clear();
        foreach (var (au, indices) in resolved)
        {
            var sum = 0f;
            foreach (var i in indices) sum += scores[i];
            intensities[(int)au] = Math.Clamp(sum / indices.Length * ActionUnitInfo.MaxIntensity, 0, ActionUnitInfo.MaxIntensity);
        }
    }
}
