using System.Numerics;

namespace FaceFlash.Core.Faces;

/// <summary>
/// One eye as OpenFace describes it — 28 landmarks (0–7 the iris outline, 8–19 the lids from the image-left corner
/// over the upper lid and back under the lower one, 20–27 the pupil outline) and a gaze direction — made from the
/// mesh's lids, the iris centre and a spherical eyeball. The eyeball (radius <see cref="EyeballRadiusMm"/>) sits
/// <see cref="EyeballDepthMm"/> behind the mean of the eye's six iBUG points along the head's own depth axis; the
/// pupil is where the camera ray through the iris centre meets it, and the gaze runs from the eyeball's centre through
/// the pupil. The iris and pupil outlines are circles of an average adult's size on that eyeball, not measured edges.
/// </summary>
public static class EyeModel
{
    public const int PointCount = 28;
    public const float EyeballRadiusMm = 12f;
    public const float EyeballDepthMm = 9f;
    public const float IrisRadiusMm = 5.9f;
    public const float PupilRadiusMm = 2f;
    private const int RingPoints = 8;
    private const int LidStart = 8, PupilStart = 20;

    /// <summary>OpenFace's eye 0 is the leftmost in the image: the subject's right eye.</summary>
    public enum Eye { ImageLeft, ImageRight }

    /// <summary>The 12 lid points (eye landmarks 8–19) as mesh indices; 8 and 14 are the corners.</summary>
    private static readonly int[][] Lids =
    [
        [33, 246, 160, 159, 158, 173, 133, 155, 153, 145, 144, 7],
        [362, 398, 385, 386, 387, 466, 263, 249, 373, 374, 380, 382],
    ];

    /// <summary>The eye's iBUG-68 points (36–41, 42–47): their mean is the eye's centre on the face surface.</summary>
    private static readonly int[] FirstIbug = [36, 42];

    /// <summary>The eye's iris centre in the image (NaN when the iris model did not run).</summary>
    public static Vector2 IrisCentre(FaceObservation face, Eye eye) => eye == Eye.ImageLeft ? face.RightIris : face.LeftIris;

    /// <summary>
    /// Fills the eye's 28 landmarks in the image and in camera space and returns the unit gaze vector in camera space
    /// (looking into the camera is about (0, 0, −1)); false when the iris was not located.
    /// </summary>
    public static bool Fit(FaceObservation face, PinholeCamera camera, Eye eye, Span<Vector2> image, Span<Vector3> space, out Vector3 gaze)
    {
        gaze = default;
        var iris = IrisCentre(face, eye);
        if (float.IsNaN(iris.X)) return false;
        var depth = face.Pose.Tz;
        var lids = Lids[(int)eye];
        for (var i = 0; i < lids.Length; i++)
        {
            image[LidStart + i] = face.Point(lids[i]);
            space[LidStart + i] = camera.BackProject(face.Landmarks[lids[i]], depth);
        }
        var surface = Vector3.Zero;
        for (var i = 0; i < 6; i++) surface += camera.BackProject(face.Landmarks[Ibug68.MeshIndex[FirstIbug[(int)eye] + i]], depth);
        var centre = surface / 6 + EyeballDepthMm * HeadDepthAxis(face.Pose);
        var pupil = RaySphere(camera.Ray(iris), centre, EyeballRadiusMm);
        gaze = Vector3.Normalize(pupil - centre);
        Ring(gaze, centre, IrisRadiusMm, camera, image[..RingPoints], space[..RingPoints]);
        Ring(gaze, centre, PupilRadiusMm, camera, image[PupilStart..], space[PupilStart..]);
        return true;
    }

    /// <summary>
    /// OpenFace's <c>gaze_angle_x</c>, <c>gaze_angle_y</c>: the mean of both eyes' gaze as angles in radians from
    /// looking into the camera; x grows as the gaze turns to the image right (the subject's left), y as it turns down.
    /// </summary>
    public static (float X, float Y) Angles(Vector3 gaze0, Vector3 gaze1)
    {
        var mean = (gaze0 + gaze1) / 2;
        return (MathF.Atan2(mean.X, -mean.Z), MathF.Atan2(mean.Y, -mean.Z));
    }

    /// <summary>The head's own z axis (away from the camera when frontal) in camera space: R · (0, 0, 1) for R = Rx·Ry·Rz.</summary>
    public static Vector3 HeadDepthAxis(HeadPose pose)
    {
        var (sx, cx) = MathF.SinCos(pose.Rx);
        var (sy, cy) = MathF.SinCos(pose.Ry);
        return new Vector3(sy, -sx * cy, cx * cy);
    }

    /// <summary>Where a ray from the camera centre first meets a sphere, or the sphere's point nearest the ray when it misses.</summary>
    public static Vector3 RaySphere(Vector3 ray, Vector3 centre, float radius)
    {
        var along = Vector3.Dot(ray, centre);
        var discriminant = along * along - (centre.LengthSquared() - radius * radius);
        if (discriminant >= 0) return (along - MathF.Sqrt(discriminant)) * ray;
        return centre + radius * Vector3.Normalize(along * ray - centre);
    }

    /// <summary>A circle of the given radius on the eyeball around the gaze axis, in camera space and in the image.</summary>
    private static void Ring(Vector3 gaze, Vector3 centre, float radius, PinholeCamera camera, Span<Vector2> image, Span<Vector3> space)
    {
        var across = Vector3.Normalize(Vector3.Cross(gaze, Vector3.UnitY));
        var up = Vector3.Cross(across, gaze);
        var along = MathF.Sqrt(EyeballRadiusMm * EyeballRadiusMm - radius * radius);
        for (var i = 0; i < RingPoints; i++)
        {
            var (s, c) = MathF.SinCos(2 * MathF.PI * i / RingPoints);
            var p = centre + along * gaze + radius * (c * across + s * up);
            space[i] = p;
            image[i] = camera.Project(p);
        }
    }
}
