using System.Numerics;
using FaceFlash.Core.Faces;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// Blinks (AU45) from the landmarks' eye aperture — the lid gap over the eye's width, both eyes averaged — against
/// the aperture at the face's reference. The landmarks close fully with the lids, where optical flow on a closing lid
/// is unreliable.
/// </summary>
public static class EyeClosure
{
    /// <summary>Share of the reference aperture lost in a full blink (the lids rarely meet exactly in the landmarks).</summary>
    public const float FullBlinkClosure = 0.8f;

    /// <summary>The smallest reference aperture: eyes nearly shut at the reference still give a finite closure.</summary>
    public const float MinReferenceAperture = 0.05f;

    /// <summary>Both eyes' lid gap over their width (about 0.3 for open eyes, near 0 closed).</summary>
    public static float Aperture(FaceObservation face)
    {
        float Eye(int upper, int lower, int outer, int inner) =>
            Vector2.Distance(face.Point(upper), face.Point(lower)) / Math.Max(Vector2.Distance(face.Point(outer), face.Point(inner)), 1e-3f);
        return (Eye(FaceMeshTopology.RightEyeUpperLid, FaceMeshTopology.RightEyeLowerLid, FaceMeshTopology.RightEyeOuter, FaceMeshTopology.RightEyeInner)
                + Eye(FaceMeshTopology.LeftEyeUpperLid, FaceMeshTopology.LeftEyeLowerLid, FaceMeshTopology.LeftEyeOuter, FaceMeshTopology.LeftEyeInner)) / 2;
    }

    /// <summary>The aperture to measure closure from, taken when the reference is: at least <see cref="MinReferenceAperture"/>.</summary>
    public static float ReferenceAperture(FaceObservation face) => Math.Max(Aperture(face), MinReferenceAperture);

    /// <summary>AU45: 0 with the eyes as open as at the reference (or wider), 5 closed.</summary>
    public static float Intensity(float aperture, float referenceAperture)
    {
        var closure = 1 - aperture / referenceAperture;
        return Math.Clamp(closure / FullBlinkClosure * ActionUnitInfo.MaxIntensity, 0, ActionUnitInfo.MaxIntensity);
    }
}
