using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.Faces;

public sealed class AppearanceAgreementTests
{
    private const int Size = 48;

    /// <summary>A textured face stand-in: a sum of sines, with detail in every cell.</summary>
    private static float[] Texture(float shift = 0, float gain = 1, float offset = 0)
    {
        var image = new float[Size * Size];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                image[y * Size + x] = offset + gain * (128 + 40 * MathF.Sin(0.9f * (x + shift)) * MathF.Cos(0.7f * y) + 30 * MathF.Sin(0.31f * x * y / 7f));
        return image;
    }

    [Fact]
    public void TheSameFaceUnderOtherLightIsFullyVisible()
    {
        Assert.Equal(1, AppearanceAgreement.VisibleShare(Texture(), Texture(gain: 0.7f, offset: 30), Size));
        Assert.True(AppearanceAgreement.VisibleShare(Texture(), Texture(shift: 0.5f), Size) >= 0.9f, "a half-pixel shift is still the same face");
    }

    [Fact]
    public void ACoveredQuarterIsNotVisible()
    {
        var covered = Texture();
        for (var y = 0; y < Size / 2; y++)
            for (var x = 0; x < Size / 2; x++) covered[y * Size + x] = 180; // a flat card over the top-left quarter
        Assert.Equal(0.75f, AppearanceAgreement.VisibleShare(Texture(), covered, Size), 3);
    }

    [Fact]
    public void BlurLowersSharpness()
    {
        var sharp = Texture();
        var blurred = (float[])sharp.Clone(); // the border keeps its values; the interior is averaged over 3 × 3
        for (var y = 1; y < Size - 1; y++)
            for (var x = 1; x < Size - 1; x++)
            {
                float sum = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++) sum += sharp[(y + dy) * Size + x + dx];
                blurred[y * Size + x] = sum / 9;
            }
        Assert.True(AppearanceAgreement.Sharpness(blurred, Size) < 0.5f * AppearanceAgreement.Sharpness(sharp, Size));
    }

    [Fact]
    public void FollowingMovesTheReferenceByTheRate()
    {
        var reference = new float[] { 0, 10 };
        AppearanceAgreement.Follow(reference, [10, 10], 0.1f);
        Assert.Equal([1f, 10f], reference);
    }
}
