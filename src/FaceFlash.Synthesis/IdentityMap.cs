using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>The remap maps that leave an image as it is (each pixel samples itself), for warps to change in places.</summary>
internal static class IdentityMap
{
    public static unsafe void Fill(Mat mapX, Mat mapY, Size size)
    {
        mapX.Create(size.Height, size.Width, MatType.CV_32FC1);
        mapY.Create(size.Height, size.Width, MatType.CV_32FC1);
        for (var y = 0; y < size.Height; y++)
        {
            var rowX = (float*)mapX.Ptr(y);
            var rowY = (float*)mapY.Ptr(y);
            for (var x = 0; x < size.Width; x++)
            {
                rowX[x] = x;
                rowY[x] = y;
            }
        }
    }
}
