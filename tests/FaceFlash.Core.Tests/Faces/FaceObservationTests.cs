using System.Collections;
using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tests.Faces;

public sealed class FaceObservationTests
{
    private static FaceObservation Filled()
    {
        var face = new FaceObservation
        {
            FaceId = 4, Success = true, Confidence = 0.9f, Box = new BoxF(1, 2, 3, 4), Region = new FaceRegion(new Vector2(5, 6), 70, 0.1f),
            Pose = new HeadPose(1, 2, 300, 0.1f, 0.2f, 0.3f), RightIris = new Vector2(7, 8), LeftIris = new Vector2(9, 10),
            AuStatus = ActionUnitStatus.Measured, AuValid = ActionUnitSet.All, EmotionClassified = true, BlendshapesMeasured = true,
        };
        for (var i = 0; i < face.Landmarks.Length; i++) face.Landmarks[i] = new Vector3(i, -i, i / 2f);
        for (var i = 0; i < face.Blendshapes.Length; i++) face.Blendshapes[i] = i / 100f;
        for (var i = 0; i < face.ActionUnits.Length; i++) face.ActionUnits[i] = i / 10f;
        for (var i = 0; i < face.EmotionProbabilities.Length; i++) face.EmotionProbabilities[i] = i / 7f;
        return face;
    }

    /// <summary>
    /// Frames are pooled, so a face is copied into an object that held another: every value a face carries is copied,
    /// including any added later (read by reflection, so a new field that CopyTo misses fails here).
    /// </summary>
    [Fact]
    public void ACopyCarriesEveryValueOfTheFace()
    {
        var copy = new FaceObservation();
        Filled().CopyTo(copy);
        var original = Filled();
        foreach (var property in typeof(FaceObservation).GetProperties())
        {
            var (expected, actual) = (property.GetValue(original), property.GetValue(copy));
            if (expected is IEnumerable values) Assert.Equal(values.Cast<object>(), ((IEnumerable)actual!).Cast<object>());
            else Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void ClearingAFaceLeavesNothingOfTheLastFrameThatReadsAsMeasured()
    {
        var face = Filled();
        face.Clear();
        Assert.False(face.Success);
        Assert.Equal(0, face.Confidence);
        Assert.True(float.IsNaN(face.RightIris.X) && float.IsNaN(face.LeftIris.Y));
        Assert.Equal((ActionUnitStatus.Unavailable, ActionUnitSet.None), (face.AuStatus, face.AuValid));
        Assert.False(face.EmotionClassified);
        Assert.False(face.BlendshapesMeasured);
        Assert.All(face.ActionUnits, v => Assert.Equal(0, v));
        Assert.All(face.EmotionProbabilities, v => Assert.Equal(0, v));
    }
}
