namespace FaceFlash.Core.Faces;

/// <summary>
/// The 68 points of the iBUG 300-W layout (OpenFace's <c>x_0…x_67</c>) as FaceMesh points. Chosen by FaceFlash from
/// FaceMesh's topology: along each contour (jaw, brow, eye, lips) the mesh point nearest the iBUG point's share of the
/// contour's length, with left and right mirror images of each other; corners are the mesh's corners. Point 0 is the
/// jaw at the subject's right ear (image left), as in iBUG; 36–41 are the subject's right eye.
/// The mesh has no point at the iBUG jaw's exact height, so jaw points are approximate (a few pixels on a 100 px face).
/// </summary>
public static class Ibug68
{
    public const int Count = 68;

    public static readonly int[] MeshIndex =
    [
        // 0–16 jaw, from the subject's right to left through the chin (152)
        127, 234, 132, 58, 172, 150, 149, 148, 152, 377, 378, 379, 397, 288, 361, 454, 356,
        // 17–21 right brow (outer to inner), 22–26 left brow (inner to outer)
        70, 63, 105, 66, 107, 336, 296, 334, 293, 300,
        // 27–30 nose bridge to tip, 31–35 nostril base from right to left through the subnasale (2)
        168, 197, 5, 1, 98, 97, 2, 326, 327,
        // 36–41 right eye: outer corner, upper lid, inner corner, lower lid
        33, 160, 158, 133, 153, 144,
        // 42–47 left eye: inner corner, upper lid, outer corner, lower lid
        362, 385, 387, 263, 373, 380,
        // 48–59 outer lips from the right corner over the upper lip and back under the lower lip
        61, 40, 37, 0, 267, 270, 291, 321, 405, 17, 181, 91,
        // 60–67 inner lips from the right corner
        78, 81, 13, 311, 308, 402, 14, 178,
    ];

    /// <summary>The mouth corners (48, 54): a script's mouth width.</summary>
    public const int MouthRightCorner = 48, MouthLeftCorner = 54;
}
