using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// Moves a face in an image the way the scripted AUs and blinks do at a given time: smooth Gaussian displacement
/// fields centred on the face's landmarks (<see cref="AuWarps"/>), summed on a coarse grid, interpolated and applied
/// with one remap. Works on any image whose landmarks are known: a still portrait or a frame of real video.
/// </summary>
public sealed class FaceWarper : IFaceWarper
{
    private const int FieldStep = 4;

    private readonly ExpressionScript _script;
    private readonly List<(Vector2 Centre, Vector2 Shift, float Radius)> _blobs = [];
    private readonly Mat _coarseX = new(), _coarseY = new(), _fieldX = new(), _fieldY = new(), _mapX = new(), _mapY = new(), _gridX = new(), _gridY = new();
    private Size _size;

    public FaceWarper(ExpressionScript script) => _script = script;

    /// <summary>The face geometry the warps are anchored on, in the image's pixels.</summary>
    /// <param name="Depth">each landmark's relative depth (FaceMesh's z, on the x scale; larger is further away)</param>
    public readonly record struct Anchors(Vector2[] Landmarks, float[] Depth, float EyeDistance, float EyeAngle, float EyeAperture)
    {
        public static Anchors From(IReadOnlyList<Vector3> landmarks)
        {
            var points = landmarks.Select(l => new Vector2(l.X, l.Y)).ToArray();
            var depth = landmarks.Select(l => l.Z).ToArray();
            var right = points[FaceMeshTopology.RightEyeOuter];
            var left = points[FaceMeshTopology.LeftEyeOuter];
            var aperture = (Vector2.Distance(points[FaceMeshTopology.RightEyeUpperLid], points[FaceMeshTopology.RightEyeLowerLid])
                            + Vector2.Distance(points[FaceMeshTopology.LeftEyeUpperLid], points[FaceMeshTopology.LeftEyeLowerLid])) / 2;
            return new Anchors(points, depth, Vector2.Distance(right, left), MathF.Atan2(left.Y - right.Y, left.X - right.X), aperture);
        }

        /// <summary>A direction in the face frame (x to the subject's left, y down), in image axes.</summary>
        public Vector2 ToImage(Vector2 faceDirection) => Vector2.Transform(faceDirection, Matrix3x2.CreateRotation(EyeAngle));
    }

    public bool Warp(Mat source, Anchors anchors, double ms, float pixelScale, Mat output)
    {
        _blobs.Clear();
        foreach (var e in _script.Events)
        {
            var envelope = e.Envelope(ms);
            if (envelope <= 0) continue;
            foreach (var au in e.Aus) AddBlobs(anchors, au, (float)(e.Truth.AmplitudePx / pixelScale * envelope));
        }
        foreach (var b in _script.Blinks)
        {
            var envelope = ScriptTiming.Envelope(ms, b.OnsetMs, b.OffsetMs);
            if (envelope > 0) AddBlobs(anchors, ActionUnit.AU45, (float)(0.85 * anchors.EyeAperture * envelope));
        }
        if (_blobs.Count == 0) return false;
        EnsureGrid(new Size(source.Width, source.Height));
        SumField();
        Cv2.Resize(_coarseX, _fieldX, _size, interpolation: InterpolationFlags.Linear);
        Cv2.Resize(_coarseY, _fieldY, _size, interpolation: InterpolationFlags.Linear);
        Cv2.Add(_gridX, _fieldX, _mapX);
        Cv2.Add(_gridY, _fieldY, _mapY);
        Cv2.Remap(source, output, _mapX, _mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
        return true;
    }

    private void AddBlobs(Anchors anchors, ActionUnit au, float amplitude)
    {
        foreach (var blob in AuWarps.For(au))
            _blobs.Add((anchors.Landmarks[blob.Landmark], anchors.ToImage(blob.Direction) * amplitude, blob.Radius * anchors.EyeDistance));
    }

    // A backward map: the output pixel at x samples the source at x − D(x), which moves the content at a blob centre
    // by its shift (for shifts small next to the blob, as these are). The field is smooth, so it is summed on a coarse
    // grid and interpolated.
    private unsafe void SumField()
    {
        var (rows, cols) = (_coarseX.Rows, _coarseX.Cols);
        for (var gy = 0; gy < rows; gy++)
        {
            var rowX = (float*)_coarseX.Ptr(gy);
            var rowY = (float*)_coarseY.Ptr(gy);
            for (var gx = 0; gx < cols; gx++)
            {
                var p = new Vector2(gx * FieldStep + FieldStep / 2f, gy * FieldStep + FieldStep / 2f);
                var d = Vector2.Zero;
                foreach (var (centre, shift, radius) in _blobs)
                {
                    var r2 = Vector2.DistanceSquared(p, centre);
                    var s2 = radius * radius;
                    if (r2 > 9 * s2) continue;
                    d += shift * MathF.Exp(-r2 / (2 * s2));
                }
                rowX[gx] = -d.X;
                rowY[gx] = -d.Y;
            }
        }
    }

    private void EnsureGrid(Size size)
    {
        if (size == _size) return;
        _size = size;
        var (cw, ch) = ((size.Width + FieldStep - 1) / FieldStep, (size.Height + FieldStep - 1) / FieldStep);
        _coarseX.Create(ch, cw, MatType.CV_32FC1);
        _coarseY.Create(ch, cw, MatType.CV_32FC1);
        IdentityMap.Fill(_gridX, _gridY, size);
    }

    public void Dispose()
    {
        foreach (var m in new[] { _coarseX, _coarseY, _fieldX, _fieldY, _mapX, _mapY, _gridX, _gridY }) m.Dispose();
    }
}
