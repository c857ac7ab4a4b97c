using System.Numerics;
using OpenCvSharp;

namespace FaceFlash.Vision.Imaging;

/// <summary>Samples a rotated, scaled square of an image into a fixed-size crop that is reused frame after frame.</summary>
public sealed class AffineCrop(int size) : IDisposable
{
    private readonly double[] _matrix = new double[6];
    private readonly Mat _transform = new(2, 3, MatType.CV_64FC1);

    public int Size { get; } = size;
    public Mat Image { get; } = new(size, size, MatType.CV_8UC3);

    /// <param name="cropToImage">maps crop pixel coordinates to image pixel coordinates</param>
    public Mat Sample(Mat source, Matrix3x2 cropToImage)
    {
        // Row-vector Matrix3x2 → OpenCV's 2×3 column form; WarpInverseMap because the matrix maps dst → src.
        _matrix[0] = cropToImage.M11; _matrix[1] = cropToImage.M21; _matrix[2] = cropToImage.M31;
        _matrix[3] = cropToImage.M12; _matrix[4] = cropToImage.M22; _matrix[5] = cropToImage.M32;
        _transform.SetArray(_matrix);
        Cv2.WarpAffine(source, Image, _transform, new Size(Size, Size),
            InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
        return Image;
    }

    public void Dispose()
    {
        _transform.Dispose();
        Image.Dispose();
    }
}
