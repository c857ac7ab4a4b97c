using FaceFlash.Core.Emotions;

namespace FaceFlash.Core.Tests.Emotions;

public sealed class EmotionNamesTests
{
    [Fact]
    public void EmotionsAreWrittenInLowerCaseAndReadBackInAnyCase()
    {
        Assert.Equal(["happiness", "sadness", "anger", "fear", "disgust", "surprise", "contempt"], EmotionNames.All.Select(EmotionNames.Name));
        Assert.All(EmotionNames.All, e => Assert.Equal(e, EmotionNames.Parse(EmotionNames.Name(e).ToUpperInvariant())));
        Assert.Equal("'joy' is not one of happiness, sadness, anger, fear, disgust, surprise, contempt",
            Assert.Throws<FormatException>(() => EmotionNames.Parse("joy")).Message);
    }

    [Theory]
    [InlineData("Happy", Emotion.Happiness)]
    [InlineData(" joy ", Emotion.Happiness)]
    [InlineData("SAD", Emotion.Sadness)]
    [InlineData("angry", Emotion.Anger)]
    [InlineData("afraid", Emotion.Fear)]
    [InlineData("scared", Emotion.Fear)]
    [InlineData("disgusted", Emotion.Disgust)]
    [InlineData("Surprised", Emotion.Surprise)]
    [InlineData("contemptuous", Emotion.Contempt)]
    [InlineData("others", null)] // CASME II
    [InlineData("repression", null)]
    [InlineData("neutral", null)]
    [InlineData("", null)]
    public void ACodersLabelIsOneOfTheSevenOrNone(string label, Emotion? emotion) => Assert.Equal(emotion, EmotionNames.FromCoding(label));

    /// <summary>The emotion classifier's labels, in the order of its manifest in models/models.json (FER2013's).</summary>
    [Theory]
    [InlineData("angry", Emotion.Anger)]
    [InlineData("disgust", Emotion.Disgust)]
    [InlineData("fear", Emotion.Fear)]
    [InlineData("happy", Emotion.Happiness)]
    [InlineData("sad", Emotion.Sadness)]
    [InlineData("surprise", Emotion.Surprise)]
    [InlineData("neutral", null)]
    public void TheClassifiersLabelsMapOntoTheSeven(string label, Emotion? emotion) => Assert.Equal(emotion, EmotionNames.FromClassifierLabel(label));
}
