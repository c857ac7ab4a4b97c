using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.ActionUnits;

public sealed class ReferenceRetakeTests
{
    private static HeadPose Turned(float pitch, float yaw, float roll) => new(0, 0, 600, pitch, yaw, roll);

    [Theory]
    [InlineData(0.2f, 0, 0, false)]
    [InlineData(0.26f, 0, 0, true)] // a nod
    [InlineData(0, -0.26f, 0, true)] // a turn, either way
    [InlineData(0, 0, 0.26f, true)] // a roll
    [InlineData(0.24f, -0.24f, 0.24f, false)] // each within the limit
    public void AHeadTurnedFarFromItsPoseAtTheReferenceRetakesIt(float pitch, float yaw, float roll, bool retake)
    {
        var reference = Turned(0.1f, -0.3f, 0.05f);
        var now = Turned(reference.Rx + pitch, reference.Ry + yaw, reference.Rz + roll);
        Assert.Equal(retake, ReferenceRetake.TurnedAway(reference, now));
    }

    [Theory]
    [InlineData(1.1f, false)]
    [InlineData(0.9f, false)]
    [InlineData(1.2f, true)] // the face a sixth smaller than at the reference
    [InlineData(0.8f, true)]
    public void AFaceMuchNearerOrFurtherRetakesIt(float sizeRatio, bool retake) => Assert.Equal(retake, ReferenceRetake.Resized(sizeRatio));

    [Fact]
    public void AnOldReferenceIsRenewedOnlyWhileTheFaceIsAtRest()
    {
        Assert.True(ReferenceRetake.Aged(31_000, calm: true));
        Assert.False(ReferenceRetake.Aged(31_000, calm: false)); // never in the middle of an expression
        Assert.False(ReferenceRetake.Aged(29_000, calm: true));
    }

    [Fact]
    public void AFlowThatLostMoreThanTwoPointsInFiveStartsAgain()
    {
        Assert.False(ReferenceRetake.LostTooMany(40, 100));
        Assert.True(ReferenceRetake.LostTooMany(41, 100));
    }

    [Fact]
    public void AFaceIsAtRestWhileNoAUReachesTheCalmLevel()
    {
        var intensities = new float[ActionUnitInfo.Count];
        intensities[(int)ActionUnit.AU12] = 0.5f;
        Assert.True(ReferenceRetake.Calm(intensities));
        intensities[(int)ActionUnit.AU04] = 0.7f;
        Assert.False(ReferenceRetake.Calm(intensities));
    }

    [Fact]
    public void ABlinkIsNoRest()
    {
        // The expression signal leaves the lids out; a reference renewed with them closed would hide the next blinks.
        var intensities = new float[ActionUnitInfo.Count];
        intensities[(int)ActionUnit.AU45] = 0.5f;
        Assert.True(ReferenceRetake.Calm(intensities));
        intensities[(int)ActionUnit.AU45] = 1.9f;
        Assert.False(ReferenceRetake.Calm(intensities));
        Assert.True(ReferenceRetake.Aged(31_000, calm: true));
        Assert.False(ReferenceRetake.Aged(31_000, ReferenceRetake.Calm(intensities)));
    }
}
