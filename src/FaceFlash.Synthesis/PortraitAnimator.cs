using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// Renders a still portrait as a video frame at any time: AU warps (smooth Gaussian displacement fields anchored on
/// the portrait's landmarks) for the scripted expressions and blinks, then smooth head motion, then sensor noise.
/// </summary>
public sealed class PortraitAnimator : IDisposable
{
    private const int FieldStep = 4;

    private readonly Mat _portrait;
    private readonly Vector2[] _landmarks;
    private readonly SynthOptions _options;
    private readonly ExpressionScript _script;
    private readonly float _eyeAngle;
    private readonly float _eyeDistance;     // portrait pixels
    private readonly float _eyeAperture;     // portrait pixels, mean lid gap
    private readonly float _scale;           // output pixels per portrait pixel
    private readonly Vector2 _faceAnchor;    // portrait pixels
    private readonly (double Amplitude, double Frequency, double Phase)[][] _motion;
    private readonly Mat _fieldX, _fieldY, _coarseX, _coarseY, _mapX, _mapY, _gridX, _gridY, _warped, _noise, _wide;
    private readonly Mat _affine = new(2, 3, MatType.CV_64FC1);
    private readonly List<(Vector2 Centre, Vector2 Shift, float Radius)> _blobs = [];

    public PortraitAnimator(Mat portrait, IReadOnlyList<Vector3> landmarks, SynthOptions options, ExpressionScript script, Random random)
    {
        _portrait = portrait;
        _landmarks = landmarks.Select(l => new Vector2(l.X, l.Y)).ToArray();
        _options = options;
        _script = script;
        var right = _landmarks[FaceMeshTopology.RightEyeOuter];
        var left = _landmarks[FaceMeshTopology.LeftEyeOuter];
        _eyeDistance = Vector2.Distance(right, left);
        _eyeAngle = MathF.Atan2(left.Y - right.Y, left.X - right.X);
        _eyeAperture = (Vector2.Distance(_landmarks[FaceMeshTopology.RightEyeUpperLid], _landmarks[FaceMeshTopology.RightEyeLowerLid])
                        + Vector2.Distance(_landmarks[FaceMeshTopology.LeftEyeUpperLid], _landmarks[FaceMeshTopology.LeftEyeLowerLid])) / 2;
        _scale = (float)(options.EyeDistancePx / _eyeDistance);
        _faceAnchor = (right + left) / 2 + FaceToPortrait(new Vector2(0, 0.45f)) * _eyeDistance;
        // Head motion: per parameter (x, y, roll, scale) a sum of three slow sinusoids with random phases.
        _motion = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3)
            .Select(_ => (Amplitude: 0.35 + 0.65 * random.NextDouble(), Frequency: 0.05 + 0.35 * random.NextDouble(), Phase: 2 * Math.PI * random.NextDouble()))
            .ToArray()).ToArray();

        var (w, h) = (portrait.Width, portrait.Height);
        var (cw, ch) = ((w + FieldStep - 1) / FieldStep, (h + FieldStep - 1) / FieldStep);
        _coarseX = new Mat(ch, cw, MatType.CV_32FC1);
        _coarseY = new Mat(ch, cw, MatType.CV_32FC1);
        _fieldX = new Mat();
        _fieldY = new Mat();
        _mapX = new Mat();
        _mapY = new Mat();
        _gridX = new Mat(h, w, MatType.CV_32FC1);
        _gridY = new Mat(h, w, MatType.CV_32FC1);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                _gridX.Set(y, x, (float)x);
                _gridY.Set(y, x, (float)y);
            }
        _warped = new Mat();
        _noise = new Mat(options.Height, options.Width, MatType.CV_16SC3);
        _wide = new Mat();
    }

    /// <summary>Outer eye-corner distance in the output frame, pixels.</summary>
    public double EyeDistancePx => _eyeDistance * _scale;

    private Vector2 FaceToPortrait(Vector2 v) => Vector2.Transform(v, Matrix3x2.CreateRotation(_eyeAngle));

    public void Render(double ms, Mat output)
    {
        CollectBlobs(ms);
        var source = _portrait;
        if (_blobs.Count > 0)
        {
            WarpPortrait();
            source = _warped;
        }
        SetHeadMotion(ms);
        Cv2.WarpAffine(source, output, _affine, new Size(_options.Width, _options.Height), InterpolationFlags.Linear, BorderTypes.Replicate);
        if (_options.NoiseSigma > 0)
        {
            output.ConvertTo(_wide, MatType.CV_16SC3);
            Cv2.Randn(_noise, Scalar.All(0), Scalar.All(_options.NoiseSigma));
            Cv2.Add(_wide, _noise, _wide);
            _wide.ConvertTo(output, MatType.CV_8UC3);
        }
    }

    private void CollectBlobs(double ms)
    {
        _blobs.Clear();
        foreach (var e in _script.Events)
        {
            var envelope = e.Envelope(ms);
            if (envelope <= 0) continue;
            var amplitude = (float)(e.Truth.AmplitudePx / _scale * envelope); // portrait pixels
            foreach (var au in e.Aus) AddBlobs(au, amplitude);
        }
        foreach (var b in _script.Blinks)
        {
            var envelope = ScriptTiming.Envelope(ms, b.OnsetMs, b.OffsetMs);
            if (envelope > 0) AddBlobs(ActionUnit.AU45, (float)(0.85 * _eyeAperture * envelope));
        }
    }

    private void AddBlobs(ActionUnit au, float amplitude)
    {
        foreach (var blob in AuWarps.For(au))
            _blobs.Add((_landmarks[blob.Landmark], FaceToPortrait(blob.Direction) * amplitude, blob.Radius * _eyeDistance));
    }

    // A backward map: the output pixel at x samples the portrait at x − D(x), which moves the content at a blob
    // centre by its shift (for shifts small next to the blob, as these are). The field is smooth, so it is summed
    // on a coarse grid and interpolated.
    private unsafe void WarpPortrait()
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
        var size = new Size(_portrait.Width, _portrait.Height);
        Cv2.Resize(_coarseX, _fieldX, size, interpolation: InterpolationFlags.Linear);
        Cv2.Resize(_coarseY, _fieldY, size, interpolation: InterpolationFlags.Linear);
        Cv2.Add(_gridX, _fieldX, _mapX);
        Cv2.Add(_gridY, _fieldY, _mapY);
        Cv2.Remap(_portrait, _warped, _mapX, _mapY, InterpolationFlags.Linear, BorderTypes.Replicate);
    }

    private void SetHeadMotion(double ms)
    {
        double Wave(int p) => _motion[p].Sum(m => m.Amplitude * Math.Sin(2 * Math.PI * m.Frequency * ms / 1000 + m.Phase)) / 2;
        var k = _options.HeadMotion;
        var shift = new Vector2((float)(8 * k * Wave(0)), (float)(6 * k * Wave(1)));
        var roll = (float)(2 * k * Wave(2) * Math.PI / 180);
        var scale = _scale * (float)(1 + 0.02 * k * Wave(3));
        var target = new Vector2(_options.Width / 2f, _options.Height * 0.47f) + shift;
        var m = Matrix3x2.CreateTranslation(-_faceAnchor) * Matrix3x2.CreateRotation(roll) * Matrix3x2.CreateScale(scale) * Matrix3x2.CreateTranslation(target);
        _affine.SetArray(new double[] { m.M11, m.M21, m.M31, m.M12, m.M22, m.M32 });
    }

    public void Dispose()
    {
        foreach (var mat in new[] { _fieldX, _fieldY, _coarseX, _coarseY, _mapX, _mapY, _gridX, _gridY, _warped, _noise, _wide, _affine }) mat.Dispose();
    }
}
