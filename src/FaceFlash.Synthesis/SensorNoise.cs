using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>Gaussian sensor noise added to 8-bit frames in place.</summary>
public sealed class SensorNoise(double sigma, int seed) : IDisposable
{
    // A generator of the clip's own, seeded from the clip's seed: OpenCV's global one would make a clip's pixels
    // depend on what was generated before it in the same process.
    private readonly RNG _random = new((ulong)seed);
    private readonly Mat _noise = new();
    private readonly Mat _wide = new();

    public void Apply(Mat frame)
    {
        if (sigma <= 0) return;
        frame.ConvertTo(_wide, MatType.CV_16SC3);
        _noise.Create(frame.Rows, frame.Cols, MatType.CV_16SC3);
        _random.Fill(_noise, DistributionType.Normal, Scalar.All(0), Scalar.All(sigma));
        Cv2.Add(_wide, _noise, _wide);
        _wide.ConvertTo(frame, MatType.CV_8UC3);
    }

    public void Dispose()
    {
        _noise.Dispose();
        _wide.Dispose();
    }
}
