using OpenCvSharp;
using OpenCvSharp.Internal;
using OpenCvSharp.Internal.Vectors;

namespace FaceFlash.Vision.Imaging;

/// <summary>
/// The Lucas–Kanade pyramid of an image that many flows start from (a face's AU reference, a landmark keyframe), with
/// its Scharr derivatives, built once. Handed the image itself, OpenCV builds that pyramid and its derivatives again in
/// every call; handed this, it builds only the current frame's. The flow found is the same to the bit, as OpenCV
/// builds both with the same function and borders. The levels live in one native vector rebuilt in place (OpenCV
/// reuses its buffers when the size holds), so a rebuild allocates nothing managed. Owns its native handles.
/// </summary>
public sealed class FlowPyramid : IDisposable
{
    private readonly VectorOfMat _levels = new();
    private IntPtr _in;

    public FlowPyramid() => NativeMethods.HandleException(NativeMethods.core_InputArray_new_byVectorOfMat(_levels.CvPtr, out _in));

    /// <summary>The flow window the pyramid is padded for; flows from it use this window.</summary>
    public Size Window { get; private set; }

    /// <summary>The coarsest level the flows from it use (0 is the image itself).</summary>
    public int MaxLevel { get; private set; }

    /// <summary>Builds the pyramid of <paramref name="image"/> (8-bit, one channel) for flows with this window and levels.</summary>
    public void Build(MatArgs image, Size window, int maxLevel)
    {
        NativeMethods.HandleException(NativeMethods.video_buildOpticalFlowPyramid2(image.In, _levels.CvPtr, window, maxLevel,
            withDerivatives: 1, pyrBorder: (int)BorderTypes.Reflect101, derivBorder: (int)BorderTypes.Constant, tryReuseInputImage: 1, out _));
        GC.KeepAlive(image.Mat);
        (Window, MaxLevel) = (window, maxLevel);
    }

    internal IntPtr In => _in != IntPtr.Zero ? _in : throw new ObjectDisposedException(nameof(FlowPyramid));

    public void Dispose()
    {
        if (_in != IntPtr.Zero) NativeMethods.HandleException(NativeMethods.core_InputArray_delete(_in));
        _in = IntPtr.Zero;
        _levels.Dispose();
    }
}
