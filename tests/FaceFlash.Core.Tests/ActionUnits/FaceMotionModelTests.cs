using System.Numerics;
using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Tests.ActionUnits;

public sealed class FaceMotionModelTests
{
    /// <summary>A plausible face: the tracked points spread over a 100 px face, eyes level.</summary>
    private static Vector2[] Face()
    {
        var random = new Random(3);
        var points = FaceRegions.Tracked.Select(_ => new Vector2(200 + random.Next(-45, 45), 200 + random.Next(-40, 60))).ToArray();
        points[Array.IndexOf(FaceRegions.Tracked, 33)] = new Vector2(155, 180);
        points[Array.IndexOf(FaceRegions.Tracked, 263)] = new Vector2(245, 180);
        return points;
    }

    private static Vector2[] Move(Vector2[] points, ActionUnit au, float eyeDistances, Matrix3x2 head)
    {
        var moved = (Vector2[])points.Clone();
        foreach (var (landmark, direction) in ActionUnitTemplates.Terms[au])
            moved[Array.IndexOf(FaceRegions.Tracked, landmark)] += direction * eyeDistances * 90;
        return moved.Select(p => Vector2.Transform(p, head)).ToArray();
    }

    private static readonly bool[] AllValid = FaceRegions.Tracked.Select(_ => true).ToArray();

    [Theory]
    [InlineData(ActionUnit.AU01)]
    [InlineData(ActionUnit.AU04)]
    [InlineData(ActionUnit.AU06)]
    [InlineData(ActionUnit.AU12L)]
    [InlineData(ActionUnit.AU15)]
    [InlineData(ActionUnit.AU26)]
    [InlineData(ActionUnit.AU45)]
    public void ATemplateMovementIsRecoveredUnderHeadMotion(ActionUnit au)
    {
        var face = Face();
        var model = new FaceMotionModel();
        model.Seed(face);
        // The head turns 5°, moves and comes nearer while the AU moves 2 % of the eye distance (≈ 1.8 px).
        var head = Matrix3x2.CreateRotation(0.09f, new Vector2(200, 200)) * Matrix3x2.CreateScale(1.1f) * Matrix3x2.CreateTranslation(12, -7);
        var aus = new float[ActionUnitInfo.Count];
        model.Measure(Move(face, au, 0.02f, head), AllValid, aus);
        Assert.InRange(aus[(int)au], 0.85f, 1.15f);
        foreach (var other in ActionUnitTemplates.Fitted.Where(a => a != au))
            Assert.True(aus[(int)other] < 0.3f, $"{other} = {aus[(int)other]} while only {au} moved");
    }

    [Fact]
    public void PureHeadMotionIsNoActionUnit()
    {
        var face = Face();
        var model = new FaceMotionModel();
        model.Seed(face);
        var aus = new float[ActionUnitInfo.Count];
        model.Measure(face.Select(p => Vector2.Transform(p, Matrix3x2.CreateRotation(-0.2f) * Matrix3x2.CreateScale(0.8f) * Matrix3x2.CreateTranslation(30, 5))).ToArray(), AllValid, aus);
        Assert.All(aus, a => Assert.True(a < 0.05f));
    }

    [Fact]
    public void BilateralValuesRepeatTheStrongerSide()
    {
        var face = Face();
        var model = new FaceMotionModel();
        model.Seed(face);
        var aus = new float[ActionUnitInfo.Count];
        model.Measure(Move(face, ActionUnit.AU12R, 0.03f, Matrix3x2.Identity), AllValid, aus);
        Assert.Equal(aus[(int)ActionUnit.AU12R], aus[(int)ActionUnit.AU12]);
        Assert.True(aus[(int)ActionUnit.AU12L] < 0.2f);
    }

    [Fact]
    public void NeutralBaselineRemovesARestingOffset()
    {
        var baseline = new NeutralBaseline(windowMs: 2000);
        var raw = new float[ActionUnitInfo.Count];
        var corrected = new float[ActionUnitInfo.Count];
        for (var t = 0; t < 3000; t += 20)
        {
            raw[(int)ActionUnit.AU04] = t is > 2000 and < 2100 ? 2.5f : 0.5f; // a resting brow that reads 0.5, then a brief frown
            baseline.Correct(t, raw, corrected);
            if (t == 1500) Assert.Equal(0, corrected[(int)ActionUnit.AU04], 3);
            if (t == 2060) Assert.Equal(2, corrected[(int)ActionUnit.AU04], 3);
        }
    }

    [Theory]
    [InlineData(8_000, true)]   // a long laugh stays an expression to its end
    [InlineData(30_000, false)] // held for good: a new resting face, learnt
    public void NeutralBaselineDoesNotAbsorbADisplayUpToTheLongest(int heldMs, bool stillRaisedAtItsEnd)
    {
        var baseline = new NeutralBaseline();
        var raw = new float[ActionUnitInfo.Count];
        var corrected = new float[ActionUnitInfo.Count];
        var end = 5000 + heldMs - 100;
        for (var t = 0; t <= end; t += 40)
        {
            raw[(int)ActionUnit.AU12] = t >= 5000 ? 3f : 0.2f;
            baseline.Correct(t, raw, corrected);
        }
        Assert.Equal(stillRaisedAtItsEnd, corrected[(int)ActionUnit.AU12] > 2.5f);
    }
}
