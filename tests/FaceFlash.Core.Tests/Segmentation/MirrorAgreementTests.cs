using System.Numerics;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

public sealed class MirrorAgreementTests
{
    private const int Width = 640;

    private static ExpressionEvent Expression(double onsetMs, double offsetMs, int faceId = 0) =>
        new(faceId, EventKind.Micro, onsetMs, (onsetMs + offsetMs) / 2, offsetMs, Emotion.Happiness, "AU06+AU12", 0.8f, offsetMs);

    private static FaceRegion Face(float x, float y = 200, float size = 150) => new(new Vector2(x, y), size, 0);

    [Fact]
    public void AnExpressionIsFoundAgainWhereTheMirroredFaceIs()
    {
        var agreement = new MirrorAgreement(Width);
        // The face at x 200 is at 439 in the mirrored frames (columns 0…639 flipped).
        agreement.AddMirrored(Expression(1000, 1160), Face(439));
        Assert.True(agreement.FoundAgain(Expression(1040, 1200), Face(200)));
        // Not where the face is not mirrored: a face at 439 itself saw nothing in the mirror.
        Assert.False(agreement.FoundAgain(Expression(1040, 1200), Face(439)));
        Assert.Equal(1, agreement.MirroredCount);
    }

    [Theory]
    [InlineData(1000, 1160, true)] // the same time
    [InlineData(1080, 1240, true)] // 80 of 240 ms shared: a third
    [InlineData(1100, 1260, false)] // 60 of 260 ms: under 0.3
    [InlineData(1160, 1320, false)] // one after the other
    public void AnExpressionIsFoundAgainWhenTheyShareAtLeastAThirdOfTheirTime(double onsetMs, double offsetMs, bool found)
    {
        var agreement = new MirrorAgreement(Width);
        agreement.AddMirrored(Expression(1000, 1160), Face(Width - 1 - 320));
        Assert.Equal(found, agreement.FoundAgain(Expression(onsetMs, offsetMs), Face(320)));
    }

    [Fact]
    public void WithTwoFacesInViewEachIsCheckedAgainstItsOwn()
    {
        var agreement = new MirrorAgreement(Width);
        // Two people side by side, 200 px apart; the mirrored analysis numbers its faces its own way.
        agreement.AddMirrored(Expression(1000, 1160, faceId: 7), Face(Width - 1 - 420));
        Assert.True(agreement.FoundAgain(Expression(1000, 1160, faceId: 1), Face(420)));
        Assert.False(agreement.FoundAgain(Expression(1000, 1160, faceId: 0), Face(220)));
    }
}
