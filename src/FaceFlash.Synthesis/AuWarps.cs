using System.Numerics;
using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Synthesis;

/// <summary>One smooth push of the skin: a Gaussian blob around a landmark moving the image in one direction.</summary>
/// <param name="Landmark">FaceMesh index the blob is centred on</param>
/// <param name="Direction">face frame (x towards the subject's left, y down); length = share of the AU's amplitude</param>
/// <param name="Radius">blob radius (σ) in eye-corner distances</param>
public readonly record struct Blob(int Landmark, Vector2 Direction, float Radius);

/// <summary>
/// How the synthesiser moves the face for each action unit, written from FACS descriptions on their own (broad
/// Gaussian blobs on a few landmarks) rather than from the estimator's point templates, so the two are not the same
/// model checking itself.
/// </summary>
public static class AuWarps
{
    public static IReadOnlyList<Blob> For(ActionUnit au) => Table[au];

    private static readonly Dictionary<ActionUnit, Blob[]> Table = new()
    {
        // Brows: frontalis pulls the inner (AU01) or outer (AU02) brow up; corrugator pulls them down and together (AU04).
        [ActionUnit.AU01] = [.. Pair(107, 336, 0, -1, 0.13f), .. Pair(66, 296, 0, -0.6f, 0.1f)],
        [ActionUnit.AU02] = [.. Pair(70, 300, 0, -1, 0.13f), .. Pair(105, 334, 0, -0.5f, 0.1f)],
        [ActionUnit.AU04] = [.. Pair(55, 285, -0.45f, 0.9f, 0.1f), .. Pair(105, 334, -0.2f, 0.6f, 0.1f)],
        // Lids: upper lid up (AU05); lower lid up and inwards (AU07).
        [ActionUnit.AU05] = [.. Pair(159, 386, 0, -0.8f, 0.05f)],
        [ActionUnit.AU07] = [.. Pair(145, 374, 0, -1, 0.05f)],
        // Cheek raiser: the infraorbital cheek bunches up, pushing the lower lid up.
        [ActionUnit.AU06] = [.. Pair(118, 347, 0, -1, 0.15f), .. Pair(145, 374, 0, -0.4f, 0.05f)],
        [ActionUnit.AU09] = [.. Pair(129, 358, 0, -1, 0.08f), .. Pair(55, 285, 0, 0.3f, 0.08f)],
        [ActionUnit.AU10] = [.. Pair(37, 267, 0, -1, 0.08f), Centre(0, 0, -0.8f, 0.07f)],
        [ActionUnit.AU12] = [.. Pair(61, 291, 0.65f, -0.75f, 0.11f)],
        [ActionUnit.AU12R] = [Side(61, -1, 0.65f, -0.75f, 0.11f)],
        [ActionUnit.AU12L] = [Side(291, 1, 0.65f, -0.75f, 0.11f)],
        [ActionUnit.AU14] = [.. Pair(61, 291, -0.8f, -0.2f, 0.07f)],
        [ActionUnit.AU14R] = [Side(61, -1, -0.8f, -0.2f, 0.07f)],
        [ActionUnit.AU14L] = [Side(291, 1, -0.8f, -0.2f, 0.07f)],
        [ActionUnit.AU15] = [.. Pair(61, 291, 0.1f, 1, 0.1f)],
        [ActionUnit.AU17] = [Centre(199, 0, -1, 0.13f), Centre(17, 0, -0.6f, 0.07f)],
        [ActionUnit.AU20] = [.. Pair(61, 291, 1, 0.1f, 0.1f)],
        [ActionUnit.AU23] = [Centre(0, 0, 0.7f, 0.06f), Centre(17, 0, -0.7f, 0.06f), .. Pair(61, 291, -0.4f, 0, 0.06f)],
        [ActionUnit.AU25] = [Centre(14, 0, 0.8f, 0.07f), Centre(17, 0, 0.6f, 0.08f)],
        [ActionUnit.AU26] = [Centre(152, 0, 1, 0.18f), Centre(17, 0, 0.8f, 0.1f)],
        // A blink: the upper lid slides down over the eye.
        [ActionUnit.AU45] = [.. Pair(159, 386, 0, 1, 0.045f), .. Pair(158, 385, 0, 0.9f, 0.04f), .. Pair(160, 387, 0, 0.9f, 0.04f)],
    };

    // "Outward" x is towards the subject's side: negative on the right (image left), positive on the left.
    private static Blob[] Pair(int right, int left, float outward, float dy, float radius) =>
        [Side(right, -1, outward, dy, radius), Side(left, 1, outward, dy, radius)];

    private static Blob Side(int landmark, float side, float outward, float dy, float radius) => new(landmark, new Vector2(side * outward, dy), radius);

    private static Blob Centre(int landmark, float dx, float dy, float radius) => new(landmark, new Vector2(dx, dy), radius);
}
