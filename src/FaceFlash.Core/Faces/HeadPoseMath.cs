namespace FaceFlash.Core.Faces;

/// <summary>Angles from a rotation matrix, in OpenFace's convention.</summary>
public static class HeadPoseMath
{
    /// <summary>
    /// Decomposes a row-major 3×3 rotation R = Rx(pitch) · Ry(yaw) · Rz(roll) into (pitch, yaw, roll) in radians,
    /// the order OpenFace reports as pose_Rx, pose_Ry, pose_Rz.
    /// </summary>
    public static (float Pitch, float Yaw, float Roll) EulerXyz(ReadOnlySpan<double> r)
    {
        var yaw = Math.Asin(Math.Clamp(r[2], -1, 1));
        var pitch = Math.Atan2(-r[5], r[8]);
        var roll = Math.Atan2(-r[1], r[0]);
        return ((float)pitch, (float)yaw, (float)roll);
    }

    /// <summary>Rodrigues' formula: the row-major rotation matrix of a rotation vector (axis × angle).</summary>
    public static void RotationFromVector(double x, double y, double z, Span<double> r)
    {
        var angle = Math.Sqrt(x * x + y * y + z * z);
        if (angle < 1e-12)
        {
            r.Clear();
            r[0] = r[4] = r[8] = 1;
            return;
        }
        var (kx, ky, kz) = (x / angle, y / angle, z / angle);
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        var t = 1 - c;
        r[0] = c + kx * kx * t; r[1] = kx * ky * t - kz * s; r[2] = kx * kz * t + ky * s;
        r[3] = ky * kx * t + kz * s; r[4] = c + ky * ky * t; r[5] = ky * kz * t - kx * s;
        r[6] = kz * kx * t - ky * s; r[7] = kz * ky * t + kx * s; r[8] = c + kz * kz * t;
    }

    /// <summary>Composes Rx(pitch) · Ry(yaw) · Rz(roll) as a row-major 3×3 matrix (for tests and synthesis).</summary>
    public static double[] RotationXyz(double pitch, double yaw, double roll)
    {
        double[] Mul(double[] a, double[] b)
        {
            var c = new double[9];
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 3; j++)
                    for (var k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
            return c;
        }
        var (cx, sx, cy, sy, cz, sz) = (Math.Cos(pitch), Math.Sin(pitch), Math.Cos(yaw), Math.Sin(yaw), Math.Cos(roll), Math.Sin(roll));
        double[] rx = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
        double[] ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
        double[] rz = [cz, -sz, 0, sz, cz, 0, 0, 0, 1];
        return Mul(Mul(rx, ry), rz);
    }
}
