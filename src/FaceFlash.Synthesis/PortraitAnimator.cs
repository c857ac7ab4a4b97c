using System.Numerics;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// Renders a still portrait as a video frame at any time: the scripted AU warps and blinks (<see cref="FaceWarper"/>),
/// then smooth head motion (in-plane shift, roll and scale), then sensor noise.
/// </summary>
public sealed class PortraitAnimator : IDisposable
{
    private readonly Mat _portrait;
    private readonly FaceWarper.Anchors _anchors;
    private readonly SynthOptions _options;
    private readonly float _scale;           // output pixels per portrait pixel
    private readonly Vector2 _faceAnchor;    // portrait pixels
    private readonly (double Amplitude, double Frequency, double Phase)[][] _motion;
    private readonly IFaceWarper _warper;
    private readonly SensorNoise _noise;
    private readonly Mat _warped = new();
    private readonly Mat _affine = new(2, 3, MatType.CV_64FC1);
    private readonly double[] _affineValues = new double[6];

    public PortraitAnimator(Mat portrait, IReadOnlyList<Vector3> landmarks, SynthOptions options, ExpressionScript script, Random random)
    {
        _portrait = portrait;
        _anchors = FaceWarper.Anchors.From(landmarks);
        _options = options;
        _warper = options.WarperFor(script);
        _noise = new SensorNoise(options.NoiseSigma, options.Seed);
        _scale = (float)(options.EyeDistancePx / _anchors.EyeDistance);
        var eyes = (_anchors.Landmarks[Core.Faces.FaceMeshTopology.RightEyeOuter] + _anchors.Landmarks[Core.Faces.FaceMeshTopology.LeftEyeOuter]) / 2;
        _faceAnchor = eyes + _anchors.ToImage(new Vector2(0, 0.45f)) * _anchors.EyeDistance;
        // Head motion: per parameter (x, y, roll, scale) a sum of three slow sinusoids with random phases.
        _motion = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 3)
            .Select(_ => (Amplitude: 0.35 + 0.65 * random.NextDouble(), Frequency: 0.05 + 0.35 * random.NextDouble(), Phase: 2 * Math.PI * random.NextDouble()))
            .ToArray()).ToArray();
    }

    /// <summary>Outer eye-corner distance in the output frame, pixels.</summary>
    public double EyeDistancePx => _anchors.EyeDistance * _scale;

    public void Render(double ms, Mat output)
    {
        var source = _warper.Warp(_portrait, _anchors, ms, _scale, _warped) ? _warped : _portrait;
        SetHeadMotion(ms);
        Cv2.WarpAffine(source, output, _affine, new Size(_options.Width, _options.Height), InterpolationFlags.Linear, BorderTypes.Replicate);
        _noise.Apply(output);
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
        (_affineValues[0], _affineValues[1], _affineValues[2]) = (m.M11, m.M21, m.M31);
        (_affineValues[3], _affineValues[4], _affineValues[5]) = (m.M12, m.M22, m.M32);
        _affine.SetArray(_affineValues);
    }

    public void Dispose()
    {
        _warper.Dispose();
        _noise.Dispose();
        _warped.Dispose();
        _affine.Dispose();
    }
}
