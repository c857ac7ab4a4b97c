using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// The frames CSV's AU columns, named as OpenFace names them: <c>AU01_r … AU45_r</c> (intensity 0–5), the one-sided
/// <c>AU12L_r, AU12R_r, AU14L_r, AU14R_r</c>, then presence <c>AU01_c … AU45_c</c> (0/1).
/// </summary>
public sealed class ActionUnitColumns : IFrameColumns
{
    private static readonly ActionUnit[] Sided = [ActionUnit.AU12L, ActionUnit.AU12R, ActionUnit.AU14L, ActionUnit.AU14R];

    public IReadOnlyList<string> Names { get; } =
        ActionUnitInfo.Bilateral.Select(a => $"{a}_r")
            .Concat(Sided.Select(a => $"{a}_r"))
            .Concat(ActionUnitInfo.Bilateral.Select(a => $"{a}_c"))
            .ToArray();

    public void Write(CsvRowWriter row, FrameAnalysis frame, FaceObservation? face)
    {
        var valid = face is { Success: true, AuStatus: ActionUnitStatus.Measured } ? face.AuValid : ActionUnitSet.None;
        foreach (var au in ActionUnitInfo.Bilateral) Intensity(row, face, valid, au);
        foreach (var au in Sided) Intensity(row, face, valid, au);
        foreach (var au in ActionUnitInfo.Bilateral)
        {
            if (!valid.Contains(au)) row.Empty();
            else row.Field(face!.ActionUnits[(int)au] >= ActionUnitInfo.PresenceThreshold ? 1 : 0);
        }
    }

    private static void Intensity(CsvRowWriter row, FaceObservation? face, ActionUnitSet valid, ActionUnit au)
    {
        if (!valid.Contains(au)) row.Empty();
        else row.Field(face!.ActionUnits[(int)au], "0.##");
    }
}
