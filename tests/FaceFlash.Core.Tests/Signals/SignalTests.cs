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
}
