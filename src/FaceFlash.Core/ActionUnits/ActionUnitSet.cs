namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// A set of action units as one bit each (no allocation): which AUs an estimator measures, and which of a face's AU
/// values are valid in a frame. Validity is this explicit mask, never a NaN in the values.
/// </summary>
public readonly record struct ActionUnitSet(uint Bits)
{
    public static ActionUnitSet None => default;
    public static ActionUnitSet All { get; } = Of(ActionUnitInfo.All);

    public static ActionUnitSet Of(IEnumerable<ActionUnit> aus)
    {
        var bits = 0u;
        foreach (var au in aus) bits |= 1u << (int)au;
        return new ActionUnitSet(bits);
    }

    public bool Contains(ActionUnit au) => (Bits & (1u << (int)au)) != 0;

    public override string ToString() => string.Join('+', ActionUnitInfo.All.Where(Contains));
}
