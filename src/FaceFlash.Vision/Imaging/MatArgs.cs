using OpenCvSharp;
using OpenCvSharp.Internal;

namespace FaceFlash.Vision.Imaging;

/// <summary>
/// A Mat with its native <c>cv::_InputArray</c> and <c>cv::_OutputArray</c> made once. OpenCvSharp wraps every Mat
/// argument of a <c>Cv2</c> call in a new finalizable object; at hundreds of frames a second those wrappers were most of
/// the hot path's garbage, so <see cref="HotCv"/> passes these handles to OpenCvSharp's public native entry points
/// instead. The handles point at the Mat header, not its pixels, so they stay valid when an output reallocates them.
/// </summary>
public sealed class MatArgs : IDisposable
{
    private IntPtr _in;
    private IntPtr _out;

    public MatArgs(Mat mat)
    {
        Mat = mat;
        NativeMethods.HandleException(NativeMethods.core_InputArray_new_byMat(mat.CvPtr, out _in));
        NativeMethods.HandleException(NativeMethods.core_OutputArray_new_byMat(mat.CvPtr, out _out));
    }

    public Mat Mat { get; }

    internal IntPtr In => _in != IntPtr.Zero ? _in : throw new ObjectDisposedException(nameof(MatArgs));
    internal IntPtr Out => _out != IntPtr.Zero ? _out : throw new ObjectDisposedException(nameof(MatArgs));

    public void Dispose()
    {
        if (_in != IntPtr.Zero) NativeMethods.HandleException(NativeMethods.core_InputArray_delete(_in));
        if (_out != IntPtr.Zero) NativeMethods.HandleException(NativeMethods.core_OutputArray_delete(_out));
        _in = _out = IntPtr.Zero;
    }
}
