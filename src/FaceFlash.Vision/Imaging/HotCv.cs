using OpenCvSharp;
using OpenCvSharp.Internal;

namespace FaceFlash.Vision.Imaging;

/// <summary>
/// The OpenCV calls made on every frame, through <see cref="MatArgs"/> handles so that they allocate nothing managed
/// (see <see cref="MatArgs"/> for why). Those named after a <c>Cv2</c> method call the same native function with the same
/// arguments.
/// </summary>
public static class HotCv
{
    public static void WarpAffine(MatArgs source, MatArgs destination, MatArgs transform, Size size, InterpolationFlags flags,
        BorderTypes border, Scalar borderValue)
    {
        NativeMethods.HandleException(NativeMethods.imgproc_warpAffine(source.In, destination.Out, transform.In, size, (int)flags, (int)border, borderValue));
        KeepAlive(source, destination, transform);
    }

    /// <summary>
    /// Pyramidal Lucas–Kanade from a built pyramid, with its window and levels; <paramref name="next"/> holds the
    /// starting guesses with <see cref="OpticalFlowFlags.UseInitialFlow"/>.
    /// </summary>
    public static void CalcOpticalFlowPyrLK(FlowPyramid previousImage, MatArgs nextImage, MatArgs previous, MatArgs next,
        MatArgs status, MatArgs error, TermCriteria criteria, OpticalFlowFlags flags)
    {
        const double minEigenThreshold = 1e-4; // OpenCV's default
        NativeMethods.HandleException(NativeMethods.video_calcOpticalFlowPyrLK_InputArray(previousImage.In, nextImage.In,
            previous.In, next.Out, status.Out, error.Out, previousImage.Window, previousImage.MaxLevel, criteria, (int)flags, minEigenThreshold));
        GC.KeepAlive(previousImage);
        KeepAlive(nextImage, previous);
        KeepAlive(next, status, error);
    }

    public static void SolvePnP(MatArgs objectPoints, MatArgs imagePoints, MatArgs camera, MatArgs distortion,
        MatArgs rotation, MatArgs translation, SolvePnPMethod method)
    {
        NativeMethods.HandleException(NativeMethods.calib3d_solvePnP_InputArray(objectPoints.In, imagePoints.In, camera.In,
            distortion.In, rotation.Out, translation.Out, 0, (int)method));
        KeepAlive(objectPoints, imagePoints, camera);
        KeepAlive(distortion, rotation, translation);
    }

    /// <summary>
    /// The grey of an axis-aligned region of a BGR image, scaled to <paramref name="size"/> (area averaging when it
    /// shrinks). <paramref name="scratch"/> holds the full-resolution grey when a resize follows (only then is it needed).
    /// </summary>
    public static void GreyRegion(Mat image, Rect region, Size size, MatArgs destination, MatArgs? scratch = null)
    {
        var resize = size != region.Size;
        if (resize && scratch is null) throw new ArgumentNullException(nameof(scratch), "a resized region needs a scratch Mat");
        NativeMethods.HandleException(NativeMethods.core_Mat_new7(image.CvPtr, region, out var view));
        try
        {
            NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(view, out var viewIn));
            try
            {
                NativeMethods.HandleException(NativeMethods.imgproc_cvtColor(viewIn, resize ? scratch!.Out : destination.Out, (int)ColorConversionCodes.BGR2GRAY, 0));
                if (resize)
                    NativeMethods.HandleException(NativeMethods.imgproc_resize(scratch!.In, destination.Out, size, 0, 0, (int)InterpolationFlags.Area));
            }
            finally
            {
                NativeMethods.HandleException(NativeMethods.core_InputArray_delete(viewIn));
            }
        }
        finally
        {
            NativeMethods.HandleException(NativeMethods.core_Mat_delete(view));
        }
        GC.KeepAlive(image);
        GC.KeepAlive(destination.Mat);
        GC.KeepAlive(scratch?.Mat);
    }

    public static void Resize(MatArgs source, MatArgs destination, Size size, InterpolationFlags interpolation)
    {
        NativeMethods.HandleException(NativeMethods.imgproc_resize(source.In, destination.Out, size, 0, 0, (int)interpolation));
        KeepAlive(source, destination);
    }

    public static void ConvertTo(MatArgs source, MatArgs destination, MatType type, double alpha = 1, double beta = 0)
    {
        NativeMethods.HandleException(NativeMethods.core_Mat_convertTo(source.Mat.CvPtr, destination.Out, type, alpha, beta));
        KeepAlive(source, destination);
    }

    public static void GaussianBlur(MatArgs source, MatArgs destination, double sigma)
    {
        NativeMethods.HandleException(NativeMethods.imgproc_GaussianBlur(source.In, destination.Out, new Size(0, 0), sigma, sigma, BorderTypes.Reflect101));
        KeepAlive(source, destination);
    }

    public static void Subtract(MatArgs minuend, MatArgs subtrahend, MatArgs difference)
    {
        NativeMethods.HandleException(NativeMethods.core_subtract_InputArray2(minuend.In, subtrahend.In, difference.Out, IntPtr.Zero, -1));
        KeepAlive(minuend, subtrahend, difference);
    }

    private static void KeepAlive(MatArgs a, MatArgs b, MatArgs? c = null)
    {
        GC.KeepAlive(a.Mat);
        GC.KeepAlive(b.Mat);
        if (c is not null) GC.KeepAlive(c.Mat);
    }
}
