using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.ActionUnits;

public sealed class EyeClosureTests
{
    /// <summary>Eyes 30 px wide whose lids stand <paramref name="gapPx"/> apart, the right one tilted with the head.</summary>
    private static FaceObservation Eyes(float gapPx)
    {
        var face = new FaceObservation();
        void Eye(int outer, int inner, int upper, int lower, Vector2 centre, Vector2 along)
        {
            var across = new Vector2(-along.Y, along.X);
            face.Landmarks[outer] = new Vector3(centre - 15 * along, 0);
            face.Landmarks[inner] = new Vector3(centre + 15 * along, 0);
            face.Landmarks[upper] = new Vector3(centre - gapPx / 2 * across, 0);
            face.Landmarks[lower] = new Vector3(centre + gapPx / 2 * across, 0);
        }
        Eye(FaceMeshTopology.RightEyeOuter, FaceMeshTopology.RightEyeInner, FaceMeshTopology.RightEyeUpperLid, FaceMeshTopology.RightEyeLowerLid,
            new Vector2(200, 150), Vector2.Normalize(new Vector2(1, 0.3f)));
        Eye(FaceMeshTopology.LeftEyeOuter, FaceMeshTopology.LeftEyeInner, FaceMeshTopology.LeftEyeUpperLid, FaceMeshTopology.LeftEyeLowerLid,
            new Vector2(280, 150), new Vector2(-1, 0));
        return face;
    }

    [Fact]
    public void TheApertureIsTheLidGapOverTheEyesWidthWhateverTheTilt() =>
        Assert.Equal(0.3f, EyeClosure.Aperture(Eyes(9)), 4);

    [Theory]
    [InlineData(9, 0)] // as open as at the reference
    [InlineData(12, 0)] // wider: no blink, not a negative one
    [InlineData(4.5f, 3.125f)] // half closed: 0.5 of the 0.8 a full blink loses
    [InlineData(1.8f, 5)] // 0.8 closed counts as a full blink
    [InlineData(0, 5)]
    public void AU45GrowsWithTheClosureFromTheReference(float gapPx, float intensity) =>
        Assert.Equal(intensity, EyeClosure.Intensity(EyeClosure.Aperture(Eyes(gapPx)), EyeClosure.ReferenceAperture(Eyes(9))), 3);

    [Fact]
    public void EyesNearlyShutAtTheReferenceStillGiveAFiniteClosure()
    {
        Assert.Equal(EyeClosure.MinReferenceAperture, EyeClosure.ReferenceAperture(Eyes(0)));
        Assert.Equal(0, EyeClosure.Intensity(EyeClosure.Aperture(Eyes(9)), EyeClosure.ReferenceAperture(Eyes(0))));
    }
}
