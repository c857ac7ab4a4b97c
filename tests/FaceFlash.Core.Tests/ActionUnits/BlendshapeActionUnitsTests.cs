using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Tests.ActionUnits;

public sealed class BlendshapeActionUnitsTests
{
    private static readonly string[] Names = [.. BlendshapeActionUnits.MediaPipeBlendshapes];

    private static float[] Intensities(params (string Name, float Score)[] scores)
    {
        var values = new float[Names.Length];
        foreach (var (name, score) in scores) values[Array.IndexOf(Names, name)] = score;
        var intensities = new float[ActionUnitInfo.Count];
        BlendshapeActionUnits.Fill(BlendshapeActionUnits.Resolve(Names), values, intensities);
        return intensities;
    }

    [Fact]
    public void ABilateralAUIsTheMeanOfItsSidesOnTheZeroToFiveScale()
    {
        var au = Intensities(("mouthSmileLeft", 0.8f), ("mouthSmileRight", 0.4f));
        Assert.Equal(3f, au[(int)ActionUnit.AU12], 4);
        Assert.Equal(4f, au[(int)ActionUnit.AU12L], 4);
        Assert.Equal(2f, au[(int)ActionUnit.AU12R], 4);
        Assert.Equal(0f, au[(int)ActionUnit.AU14], 4);
    }

    [Fact]
    public void EachMovementReachesOnlyItsOwnAU()
    {
        var au = Intensities(("browInnerUp", 1f), ("jawOpen", 0.5f), ("eyeLookDownLeft", 1f), ("cheekPuff", 1f));
        Assert.Equal(5f, au[(int)ActionUnit.AU01], 4);
        Assert.Equal(2.5f, au[(int)ActionUnit.AU26], 4);
        Assert.Equal(7.5f, au.Sum(), 3); // gaze and cheek puff are not FACS AUs FaceFlash reports
    }

    [Fact]
    public void AModelWithoutANamedBlendshapeIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => BlendshapeActionUnits.Resolve(Names.Where(n => n != "jawOpen").ToList()));
        Assert.Contains("jawOpen", e.Message);
    }
}
