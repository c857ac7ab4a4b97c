using System.Numerics;

namespace FaceFlash.Core.Faces;

/// <summary>
/// A rigid 3-D reference face for head pose, in millimetres, camera axes (x to the image right, y down, z away from
/// the camera), origin at the centroid of these points. Made by FaceFlash from FaceMesh's own output on a frontal
/// GRID-corpus face (tests/fixtures/parity/facemesh, case grid_bbaf2n): the mesh was expressed in the eye-line frame,
/// made left–right symmetric, and scaled to an outer eye-corner distance of 90 mm (an adult average).
/// Only points that move with the skull are used: eye corners, nose, forehead, cheek edges.
/// </summary>
public static class CanonicalFace
{
    public static readonly IReadOnlyDictionary<int, Vector3> Points = new Dictionary<int, Vector3>
    {
        [1] = new(0.00f, 36.71f, -31.30f),
        [2] = new(0.00f, 42.01f, -15.02f),
        [4] = new(0.00f, 30.19f, -33.87f),
        [5] = new(0.00f, 20.91f, -32.13f),
        [6] = new(0.00f, -3.50f, -17.64f),
        [8] = new(0.00f, -21.11f, -14.72f),
        [9] = new(0.00f, -30.19f, -16.66f),
        [10] = new(0.00f, -64.00f, -13.08f),
        [33] = new(-45.00f, -10.64f, 8.51f),
        [98] = new(-17.16f, 39.36f, -7.23f),
        [127] = new(-69.46f, -10.06f, 58.12f),
        [133] = new(-16.70f, -7.28f, 3.22f),
        [151] = new(0.00f, -46.97f, -15.58f),
        [168] = new(0.00f, -12.80f, -13.93f),
        [195] = new(0.00f, 12.73f, -27.10f),
        [197] = new(0.00f, 4.98f, -22.18f),
        [234] = new(-67.86f, 4.15f, 63.99f),
        [263] = new(45.00f, -10.64f, 8.51f),
        [327] = new(17.16f, 39.36f, -7.23f),
        [356] = new(69.46f, -10.06f, 58.12f),
        [362] = new(16.70f, -7.28f, 3.22f),
        [454] = new(67.86f, 4.15f, 63.99f),
    };

    public static readonly int[] Indices = Points.Keys.Order().ToArray();
}
