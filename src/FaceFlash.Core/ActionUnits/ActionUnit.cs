namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// The FACS action units FaceFlash estimates, in the order of every AU vector. AU12 and AU14 are also estimated per
/// side because contempt is one-sided; "L" and "R" are the subject's left and right. Intensities use OpenFace's 0–5
/// scale.
/// </summary>
public enum ActionUnit
{
    AU01, AU02, AU04, AU05, AU06, AU07, AU09, AU10, AU12, AU14, AU15, AU17, AU20, AU23, AU25, AU26, AU45,
    AU12L, AU12R, AU14L, AU14R,
}

public static class ActionUnitInfo
{
    public const int Count = (int)ActionUnit.AU14R + 1;
    public const float MaxIntensity = 5f;

    /// <summary>Intensity at which an AU counts as present (the <c>AUxx_c</c> columns and the <c>aus</c> of an event).</summary>
    public const float PresenceThreshold = 0.5f;

    public static readonly ActionUnit[] All = Enum.GetValues<ActionUnit>();

    /// <summary>The bilateral AUs, as OpenFace lists them (AU01 … AU45).</summary>
    public static readonly ActionUnit[] Bilateral = All.Where(a => a <= ActionUnit.AU45).ToArray();

    /// <summary>The one-sided AUs, each left side followed by its right.</summary>
    public static readonly ActionUnit[] Sided = [ActionUnit.AU12L, ActionUnit.AU12R, ActionUnit.AU14L, ActionUnit.AU14R];

    /// <summary>The bilateral AU a one-sided one is a side of (AU12L → AU12); any other AU itself.</summary>
    public static ActionUnit BilateralOf(ActionUnit au) => au switch
    {
        ActionUnit.AU12L or ActionUnit.AU12R => ActionUnit.AU12,
        ActionUnit.AU14L or ActionUnit.AU14R => ActionUnit.AU14,
        _ => au,
    };

    /// <summary>Eyelid-only movements: a blink is made of these and nothing else.</summary>
    public static bool IsEyelid(ActionUnit au) => au is ActionUnit.AU45 or ActionUnit.AU05 or ActionUnit.AU07;

    /// <summary>The lips, lip corners and jaw: what speech moves.</summary>
    public static bool IsMouth(ActionUnit au) => au is ActionUnit.AU10 or ActionUnit.AU12 or ActionUnit.AU14 or ActionUnit.AU15 or ActionUnit.AU17
        or ActionUnit.AU20 or ActionUnit.AU23 or ActionUnit.AU25 or ActionUnit.AU26 or ActionUnit.AU12L or ActionUnit.AU12R or ActionUnit.AU14L or ActionUnit.AU14R;

    /// <summary>Brows and lids: the units a blink can drag along.</summary>
    public static bool IsUpperFace(ActionUnit au) => au is ActionUnit.AU01 or ActionUnit.AU02 or ActionUnit.AU04 or ActionUnit.AU05 or ActionUnit.AU07;
}
