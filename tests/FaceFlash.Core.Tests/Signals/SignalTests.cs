using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Tests.Signals;

public sealed class SignalTests
{
    [Fact]
    public void NonNegativeLeastSquaresRecoversAPositiveMixtureAndClampsNegativeOnes()
    {
        // Columns: e1, e2, (e1 + e2)/2 in 3-D.
        float[] a = [1, 0, 0.5f, 0, 1, 0.5f, 0, 0, 0];
        var solver = new NonNegativeLeastSquares(a, 3, 3);
        var x = new float[3];
        solver.Solve([2, 1, 0], [], x);
        Assert.Equal(2, x[0] + 0.5f * x[2], 3);
        Assert.Equal(1, x[1] + 0.5f * x[2], 3);
        solver.Solve([-1, 2, 0], [], x); // the first coordinate cannot go negative
        Assert.Equal(0, x[0], 4);
        Assert.True(x[2] >= 0);
    }

    [Fact]
    public void RowsWithZeroWeightAreIgnored()
    {
        float[] a = [1, 1];
        var solver = new NonNegativeLeastSquares(a, 2, 1);
        var x = new float[1];
        solver.Solve([1, 100], [1, 0], x);
        Assert.Equal(1, x[0], 4);
    }

    [Fact]
    public void SimilarityFitRecoversScaleRotationAndTranslation()
    {
        var truth = new SimilarityTransform(1.2f * MathF.Cos(0.3f), 1.2f * MathF.Sin(0.3f), new Vector2(5, -3));
        Vector2[] from = [new(0, 0), new(10, 0), new(0, 7), new(4, 4)];
        var to = from.Select(truth.Apply).ToArray();
        var fit = SimilarityTransform.Fit(from, to);
        Assert.Equal(1.2f, fit.Scale, 4);
        Assert.Equal(0.3f, fit.Rotation, 4);
        Assert.Equal(5, fit.Translation.X, 3);
    }

    [Fact]
    public void RunningMedianIgnoresBriefSpikesAndForgetsOldSamples()
    {
        var median = new RunningMedian(windowMs: 1000, sampleSpacingMs: 10);
        for (var t = 0; t < 1000; t += 10) median.Add(t, t is >= 400 and < 500 ? 9 : 1);
        Assert.Equal(1, median.Value);
        for (var t = 1000; t < 2100; t += 10) median.Add(t, 3);
        Assert.Equal(3, median.Value); // the old level has left the window
    }

    [Fact]
    public void RunningMedianAdmitsOneSamplePerSpacingWhateverTheFrameRate()
    {
        var median = new RunningMedian(windowMs: 1000, sampleSpacingMs: 50);
        for (var t = 0.0; t < 1000; t += 2.5) median.Add(t, 1); // 400 fps
        Assert.Equal(20, median.Count);
    }

    [Fact]
    public void RunningPercentileTracksTheFloor()
    {
        var floor = new RunningMedian(windowMs: 1000, sampleSpacingMs: 10, percentile: 0.2);
        for (var t = 0; t < 1000; t += 10) floor.Add(t, t % 100 < 60 ? 0.1f : 2f);
        Assert.Equal(0.1f, floor.Value, 4);
    }
}
