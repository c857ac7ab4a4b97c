using System.Numerics;
using OpenCvSharp;

namespace FaceFlash.Vision.Imaging;

/// <summary>Samples a rotated, scaled square of an image into a fixed-size crop that is reused frame after frame.</summary>
public sealed class AffineCrop : IDisposable
{
    private readonly Mat _transform = new(2, 3, MatType.CV_64FC1);
    private readonly MatArgs _transformArgs, _imageArgs;
    private readonly MatArgsCache _sources = new();

    public AffineCrop(int size)
    {
        Size = size;
        Image = new Mat(size, size, MatType.CV_8UC3);
        (_transformArgs, _imageArgs) = (new MatArgs(_transform), new MatArgs(Image));
    }

    public int Size { get; }
    public Mat Image { get; }

    /// <param name="cropToImage">maps crop pixel coordinates to image pixel coordinates</param>
    public unsafe Mat Sample(Mat source, Matrix3x2 cropToImage)
    {
        // Row-vector Matrix3x2 → OpenCV's 2×3 column form; WarpInverseMap because the matrix maps dst → src.
        var m = (double*)_transform.DataPointer;
        (m[0], m[1], m[2]) = (cropToImage.M11, cropToImage.M21, cropToImage.M31);
        (m[3], m[4], m[5]) = (cropToImage.M12, cropToImage.M22, cropToImage.M32);
        HotCv.WarpAffine(_sources.For(source), _imageArgs, _transformArgs, new Size(Size, Size),
            InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Constant, Scalar.Black);
        return Image;
    }

    public void Dispose()
    {
        _sources.Dispose();
        _transformArgs.Dispose();
        _imageArgs.Dispose();
        _transform.Dispose();
        Image.Dispose();
    }
}
