using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// The frames CSV's AU columns, named as OpenFace names them: <c>AU01_r … AU45_r</c> (intensity 0–5), the one-sided
/// <c>AU12L_r, AU12R_r, AU14L_r, AU14R_r</c>, then presence <c>AU01_c … AU45_c</c> (0/1, from the intensity as
/// written, so a row never shows 0.5 beside 0), then <c>au_status</c>: <c>measured</c>, <c>reference_restarted</c>
/// (the frame a new reference was taken on: its AUs are 0, the zero of the new reference, and not comparable with
/// the frames before) or <c>unavailable</c> (no tracked face). A tracked face's AU is empty only when the estimator
/// does not measure it (a lab's partial AU model).
/// </summary>
public sealed class ActionUnitColumns : IFrameColumns
{
    public IReadOnlyList<string> Names { get; } =
        ActionUnitInfo.Bilateral.Select(a => $"{a}_r")
            .Concat(ActionUnitInfo.Sided.Select(a => $"{a}_r"))
            .Concat(ActionUnitInfo.Bilateral.Select(a => $"{a}_c"))
            .Append("au_status")
            .ToArray();

    public void Write(CsvRowWriter row, FrameAnalysis frame, FaceObservation? face)
    {
        var status = face is { Success: true } ? face.AuStatus : ActionUnitStatus.Unavailable;
        var valid = status == ActionUnitStatus.Unavailable ? ActionUnitSet.None : face!.AuValid;
        foreach (var au in ActionUnitInfo.Bilateral) Intensity(row, face, valid, au);
        foreach (var au in ActionUnitInfo.Sided) Intensity(row, face, valid, au);
        foreach (var au in ActionUnitInfo.Bilateral) Presence(row, face, valid, au);
        row.Field(status switch
        {
            ActionUnitStatus.Measured => "measured",
            ActionUnitStatus.ReferenceRestarted => "reference_restarted",
            _ => "unavailable",
        });
    }

    /// <summary>An intensity as the CSV writes it (two decimals); presence is read from this, so the two always agree.</summary>
    private static double Written(float intensity) => Math.Round(intensity, 2, MidpointRounding.AwayFromZero);

    /// <summary>An AU's intensity field: empty unless <paramref name="valid"/> holds it.</summary>
    public static void Intensity(CsvRowWriter row, FaceObservation? face, ActionUnitSet valid, ActionUnit au)
    {
        if (!valid.Contains(au)) row.Empty();
        else row.Field(Written(face!.ActionUnits[(int)au]), "0.##");
    }

    /// <summary>An AU's presence field (0/1 from the written intensity): empty unless <paramref name="valid"/> holds it.</summary>
    public static void Presence(CsvRowWriter row, FaceObservation? face, ActionUnitSet valid, ActionUnit au)
    {
        if (!valid.Contains(au)) row.Empty();
        else row.Field(Written(face!.ActionUnits[(int)au]) >= ActionUnitInfo.PresenceThreshold ? 1 : 0);
    }
}
