using System.Numerics;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Imaging;

/// <summary>
/// The allocation-free OpenCV calls give exactly what OpenCvSharp's own calls give, follow an output Mat through a
/// reallocation, and really allocate nothing once warm (the property they exist for).
/// </summary>
public sealed class HotCvTests
{
    private static Mat Portrait() => Cv2.ImRead(Path.Combine(TestPaths.Media, "astronaut.png"));

    [Fact]
    public void WarpAffineMatchesOpenCvSharpAndFollowsReallocation()
    {
        using var portrait = Portrait();
        using var transform = new Mat(2, 3, MatType.CV_64FC1);
        transform.Set(0, 0, 0.9); transform.Set(0, 1, -0.1); transform.Set(0, 2, 40.0);
        transform.Set(1, 0, 0.1); transform.Set(1, 1, 0.9); transform.Set(1, 2, 25.0);
        using var expected = new Mat();
        using var actual = new Mat(8, 8, MatType.CV_8UC1); // wrong size and type: the call must reallocate it
        using var source = new MatArgs(portrait);
        using var destination = new MatArgs(actual);
        using var transformArgs = new MatArgs(transform);

        Cv2.WarpAffine(portrait, expected, transform, new Size(160, 120), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.Black);
        HotCv.WarpAffine(source, destination, transformArgs, new Size(160, 120), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.Black);

        Assert.Equal(expected.Size(), actual.Size());
        Assert.Equal(expected.Type(), actual.Type());
        Assert.Equal(0, Cv2.Norm(expected, actual, NormTypes.INF));
    }

    [Fact]
    public void OpticalFlowFromABuiltPyramidMatchesOpenCvSharpToTheBitAndAllocatesNothingOnceWarm()
    {
        using var portrait = Portrait();
        using var grey = portrait.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var shifted = new Mat();
        using (var shift = Mat.Eye(2, 3, MatType.CV_64FC1).ToMat())
        {
            shift.Set(0, 2, 1.5);
            shift.Set(1, 2, -0.75);
            Cv2.WarpAffine(grey, shifted, shift, grey.Size());
        }
        var starts = new[] { new Point2f(200, 180), new Point2f(260, 240), new Point2f(180, 300) };
        using var previous = Mat.FromPixelData(starts.Length, 1, MatType.CV_32FC2, starts);
        var criteria = new TermCriteria(CriteriaTypes.Count | CriteriaTypes.Eps, 30, 0.003);

        Point2f[] expected = [];
        Cv2.CalcOpticalFlowPyrLK(grey, shifted, starts, ref expected, out _, out _, new Size(15, 15), 3, criteria);
        using var smaller = new Mat(grey, new Rect(0, 0, 120, 90)).Clone();
        using var next = new Mat();
        using var status = new Mat();
        using var error = new Mat();
        using var pyramid = new FlowPyramid();
        MatArgs[] args = [new(grey), new(shifted), new(previous), new(next), new(status), new(error), new(smaller)];
        // Built first for another image, size and window, as a face's pyramid is when its reference is retaken: the
        // rebuild reuses the native buffers and must give the same flow as a fresh one.
        pyramid.Build(args[6], new Size(9, 9), 2);
        pyramid.Build(args[0], new Size(15, 15), 3);
        HotCv.CalcOpticalFlowPyrLK(pyramid, args[1], args[2], args[3], args[4], args[5], criteria, OpticalFlowFlags.None);

        for (var i = 0; i < starts.Length; i++)
        {
            Assert.Equal(1, status.At<byte>(i));
            Assert.Equal(expected[i].X, next.At<Point2f>(i).X);
            Assert.Equal(expected[i].Y, next.At<Point2f>(i).Y);
            Assert.InRange(next.At<Point2f>(i).X - starts[i].X, 1.4, 1.6); // and it is the shift that was made
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            pyramid.Build(args[0], new Size(15, 15), 3);
            HotCv.CalcOpticalFlowPyrLK(pyramid, args[1], args[2], args[3], args[4], args[5], criteria, OpticalFlowFlags.None);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        foreach (var a in args) a.Dispose();
    }

    [Fact]
    public void AffineCropAllocatesNothingOnceWarm()
    {
        using var portrait = Portrait();
        using var crop = new AffineCrop(192);
        var cropToImage = Matrix3x2.CreateScale(1.4f) * Matrix3x2.CreateRotation(0.1f) * Matrix3x2.CreateTranslation(150, 120);
        crop.Sample(portrait, cropToImage); // first sight of this frame makes its handles

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) crop.Sample(portrait, cropToImage);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(Cv2.CountNonZero(crop.Image.CvtColor(ColorConversionCodes.BGR2GRAY)) > 192 * 192 / 2, "the crop holds the portrait");
    }

    [Fact]
    public void CacheForgetsDisposedFramesAndStaysBounded()
    {
        using var cache = new MatArgsCache();
        using var kept = new Mat(4, 4, MatType.CV_8UC3);
        var first = cache.For(kept);
        Assert.Same(first, cache.For(kept));

        var gone = new Mat(4, 4, MatType.CV_8UC3);
        cache.For(gone);
        gone.Dispose();
        using var next = new Mat(4, 4, MatType.CV_8UC3);
        cache.For(next);
        Assert.Equal(2, cache.Count); // the disposed frame's handles were released

        var extra = Enumerable.Range(0, MatArgsCache.Capacity + 5).Select(_ => new Mat(2, 2, MatType.CV_8UC1)).ToList();
        foreach (var m in extra) cache.For(m);
        Assert.Equal(MatArgsCache.Capacity, cache.Count);
        foreach (var m in extra) m.Dispose();
    }
}
