namespace FaceFlash.Core.ActionUnits;

/// <summary>How far a face is from rest as one number: the strongest measured AU other than the blink.</summary>
public static class ExpressionSignal
{
    public static float Of(ReadOnlySpan<float> intensities, ActionUnitSet valid)
    {
        var strongest = 0f;
        foreach (var au in ActionUnitInfo.Bilateral)
            if (au != ActionUnit.AU45 && valid.Contains(au)) strongest = Math.Max(strongest, intensities[(int)au]);
        return strongest;
    }
}
