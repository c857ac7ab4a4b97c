using System.Numerics;

namespace FaceFlash.Core.Faces;

/// <summary>
/// A rigid 3-D reference face for head pose, in millimetres, camera axes (x to the image right, y down, z away from
/// the camera), origin at the centroid of the points. The coordinates are MediaPipe's canonical face model (Apache-2.0;
/// the <c>canonical_mesh</c> of <c>geometry_pipeline_metadata_landmarks.binarypb</c> in the Face Landmarker bundle,
/// centimetres with y up and z toward the viewer, here ×10 with y and z negated; a test reads the bundle and checks
/// every value). It replaces a face FaceFlash had built from FaceMesh's output on one GRID talker, whose shallow nose
/// put a −10° to −17° pitch on every frontal talker.
/// Only points that expressions barely move are used — eye corners, nose bridge and tip, and the face's sides at the
/// temples and cheekbones — so that a frown or a raised lip does not read as a nod.
/// </summary>
public static class CanonicalFace
{
    /// <summary>The points as MediaPipe's model has them, converted to millimetres and camera axes, before centring.</summary>
    public static readonly IReadOnlyDictionary<int, Vector3> FromMediaPipe = new Dictionary<int, Vector3>
    {
        [1] = new(0.00f, 11.27f, -74.76f),
        [4] = new(0.00f, 4.63f, -75.87f),
        [5] = new(0.00f, -3.66f, -72.43f),
        [6] = new(0.00f, -24.73f, -57.89f),
        [33] = new(-44.46f, -26.64f, -31.73f),
        [127] = new(-77.43f, -23.65f, 20.05f),
        [133] = new(-18.56f, -25.85f, -37.58f),
        [168] = new(0.00f, -32.71f, -52.36f),
        [195] = new(0.00f, -10.59f, -67.75f),
        [197] = new(0.00f, -17.28f, -63.17f),
        [234] = new(-76.64f, -6.73f, 24.36f),
        [263] = new(44.46f, -26.64f, -31.73f),
        [356] = new(77.43f, -23.65f, 20.05f),
        [362] = new(18.56f, -25.85f, -37.58f),
        [454] = new(76.64f, -6.73f, 24.36f),
    };

    /// <summary>The points, moved so that their centroid is the origin (the head position PnP reports).</summary>
    public static readonly IReadOnlyDictionary<int, Vector3> Points = Centred(FromMediaPipe);

    public static readonly int[] Indices = Points.Keys.Order().ToArray();

    private static Dictionary<int, Vector3> Centred(IReadOnlyDictionary<int, Vector3> points)
    {
        var centroid = points.Values.Aggregate(Vector3.Zero, (a, b) => a + b) / points.Count;
        return points.ToDictionary(p => p.Key, p => p.Value - centroid);
    }
}
