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

    [Fact]
    public void APatternTurnedNegativeOrReplacedIsNotTheFace()
    {
        // Correlation, not likeness of grey levels: the same pattern in negative correlates −1, a cell of other texture
        // about 0; both are covered as far as the face is concerned.
        Assert.Equal(0, AppearanceAgreement.VisibleShare(Texture(), Texture(gain: -1, offset: 255), Size));
        var random = new Random(11);
        var other = Texture();
        for (var y = Size / 2; y < Size; y++)
            for (var x = 0; x < Size; x++) other[y * Size + x] = random.Next(256);
        Assert.Equal(0.5f, AppearanceAgreement.VisibleShare(Texture(), other, Size), 3);
    }

    [Fact]
    public void OnlyTheReferencesPatternedCellsAreCounted()
    {
        // The reference's left half is flat (a bare cheek in shadow): only its right half's 8 cells are compared, and
        // covering the left half of the current face changes nothing. A reference with no pattern at all: all visible.
        var reference = Texture();
        var covered = Texture();
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size / 2; x++) (reference[y * Size + x], covered[y * Size + x]) = (90, 200);
        Assert.Equal(1, AppearanceAgreement.VisibleShare(reference, covered, Size));
        for (var y = 0; y < Size; y++) covered[y * Size + Size - 1 - y % 12] = 0; // a thin stroke across each cell of the rightmost column
        Assert.Equal(1, AppearanceAgreement.VisibleShare(reference, covered, Size));
        Assert.Equal(1, AppearanceAgreement.VisibleShare(new float[Size * Size], Texture(), Size));
    }

    [Fact]
    public void SharpnessIsTheMeanSquaredLaplacianOverTheInterior()
    {
        // One bright pixel in the middle of a 5 × 5 image: its Laplacian 400, its four neighbours' −100 each, over the
        // nine interior pixels.
        var image = new float[25];
        image[12] = 100;
        Assert.Equal((400f * 400 + 4 * 100 * 100) / 9, AppearanceAgreement.Sharpness(image, 5), 2);
        image[0] = 1000; // the border is not the interior
        Assert.Equal((400f * 400 + 4 * 100 * 100) / 9, AppearanceAgreement.Sharpness(image, 5), 2);
    }
}
