using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Tests.Emotions;

public sealed class ClassifierRestTests
{
    [Fact]
    public void UnknownUntilTheFirstLookWhichItThenHoldsAsIs()
    {
        var rest = new ClassifierRest(labels: 2);
        Assert.False(rest.Known);
        Assert.True(rest.Mean.IsEmpty);
        rest.Add(0, [0.8f, 0.2f]);
        Assert.True(rest.Known);
        Assert.Equal([0.8f, 0.2f], rest.Mean.ToArray());
    }

    [Theory]
    [InlineData(25)]
    [InlineData(200)]
    public void ForgetsAtTheSamePaceWhateverTheFrameRate(double fps)
    {
        // After one time constant of looks at a changed face, the mean has moved 1 − 1/e of the way, at any rate.
        var rest = new ClassifierRest(labels: 1, timeConstantMs: 2000);
        rest.Add(0, [0f]);
        var looks = (int)(2 * fps);
        for (var i = 1; i <= looks; i++) rest.Add(i * 2000.0 / looks, [1f]);
        Assert.Equal(1 - Math.Exp(-1), rest.Mean[0], 3);
    }

    [Fact]
    public void ResetForgetsTheFace()
    {
        var rest = new ClassifierRest(labels: 1);
        rest.Add(0, [1f]);
        rest.Reset();
        Assert.False(rest.Known);
        rest.Add(10, [0.25f]);
        Assert.Equal(0.25f, rest.Mean[0]);
    }
}
