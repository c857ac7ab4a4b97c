using FaceFlash.Models.Manifest;
using OpenCvSharp;

namespace FaceFlash.Vision.Imaging;

/// <summary>Writes an 8-bit image into a model's NHWC float input, applying the manifest's normalisation.</summary>
public static class TensorFill
{
    /// <summary>From a BGR image to RGB (3 channels) or BT.601 grey (1 channel), as the normalisation names.</summary>
    public static unsafe void FromBgr(Mat bgr, Span<float> tensor, Normalisation n)
    {
        if (bgr.Type() != MatType.CV_8UC3) throw new ArgumentException($"expected an 8-bit BGR image, got {bgr.Type()}");
        var (rows, cols) = (bgr.Rows, bgr.Cols);
        var grey = n.Channels == "Grey";
        var expected = rows * cols * (grey ? 1 : 3);
        if (tensor.Length != expected) throw new ArgumentException($"tensor holds {tensor.Length} values, image gives {expected}");
        var (scale, offset) = (n.Scale, n.Offset);
        var o = 0;
        for (var y = 0; y < rows; y++)
        {
            var row = (byte*)bgr.Ptr(y);
            for (var x = 0; x < cols; x++, row += 3)
            {
                if (grey)
                {
                    // OpenCV's BT.601 luma weights, rounded to 8 bits as cvtColor does, so a grey crop made
                    // elsewhere with cvtColor feeds the same numbers.
                    var luma = (byte)Math.Round(0.114 * row[0] + 0.587 * row[1] + 0.299 * row[2], MidpointRounding.AwayFromZero);
                    tensor[o++] = luma * scale + offset;
                }
                else
                {
                    tensor[o++] = row[2] * scale + offset;
                    tensor[o++] = row[1] * scale + offset;
                    tensor[o++] = row[0] * scale + offset;
                }
            }
        }
    }
}
