using System.Numerics;

namespace FaceFlash.Core.Faces;

/// <summary>
/// A rigid 3-D reference face for head pose, in millimetres, camera axes (x to the image right, y down, z away from
/// the camera), origin at the centroid of the points. Made by FaceFlash from FaceMesh's own output on a frontal
/// GRID-corpus face (tests/fixtures/parity/facemesh, case grid_bbaf2n): the mesh was expressed in the eye-line frame,
/// made left–right symmetric, and scaled to an outer eye-corner distance of 90 mm (an adult average).
/// Only points that expressions barely move are used — eye corners, nose bridge and tip, and the face's sides at the
/// temples and cheekbones — so that a frown or a raised lip does not read as a nod.
/// </summary>
public static class CanonicalFace
{
    private static readonly Dictionary<int, Vector3> Measured = new()
    {
        [1] = new(0.00f, 36.71f, -31.30f),
        [4] = new(0.00f, 30.19f, -33.87f),
        [5] = new(0.00f, 20.91f, -32.13f),
        [6] = new(0.00f, -3.50f, -17.64f),
        [33] = new(-45.00f, -10.64f, 8.51f),
        [127] = new(-69.46f, -10.06f, 58.12f),
        [133] = new(-16.70f, -7.28f, 3.22f),
        [168] = new(0.00f, -12.80f, -13.93f),
        [195] = new(0.00f, 12.73f, -27.10f),
        [197] = new(0.00f, 4.98f, -22.18f),
        [234] = new(-67.86f, 4.15f, 63.99f),
        [263] = new(45.00f, -10.64f, 8.51f),
        [356] = new(69.46f, -10.06f, 58.12f),
        [362] = new(16.70f, -7.28f, 3.22f),
        [454] = new(67.86f, 4.15f, 63.99f),
    };

    /// <summary>The points, moved so that their centroid is the origin (the head position PnP reports).</summary>
    public static readonly IReadOnlyDictionary<int, Vector3> Points = Centred(Measured);

    public static readonly int[] Indices = Points.Keys.Order().ToArray();

    private static Dictionary<int, Vector3> Centred(Dictionary<int, Vector3> points)
    {
        var centroid = points.Values.Aggregate(Vector3.Zero, (a, b) => a + b) / points.Count;
        return points.ToDictionary(p => p.Key, p => p.Value - centroid);
    }
}
