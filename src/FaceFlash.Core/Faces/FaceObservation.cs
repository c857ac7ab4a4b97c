using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Faces;

/// <summary>
/// What the face stage knows about one tracked face in one frame. <see cref="Landmarks"/> holds the 468 mesh points
/// in image pixels (z on the x scale, smaller is nearer the camera).
/// </summary>
public sealed class FaceObservation
{
    public int FaceId { get; set; }
    public bool Success { get; set; }

    /// <summary>FaceMesh's face-presence probability for this crop.</summary>
    public float Confidence { get; set; }

    public BoxF Box { get; set; }
    public FaceRegion Region { get; set; }
    public HeadPose Pose { get; set; }
    public Vector3[] Landmarks { get; } = new Vector3[FaceMeshTopology.PointCount];

    /// <summary>Iris centres (subject's right, left) in image pixels; NaN when the iris model did not run.</summary>
    public Vector2 RightIris { get; set; }
    public Vector2 LeftIris { get; set; }

    /// <summary>Whether <see cref="ActionUnits"/> hold a measurement this frame, and if not, why.</summary>
    public ActionUnitStatus AuStatus { get; set; }

    /// <summary>Which of <see cref="ActionUnits"/> are valid (an estimator may measure only some AUs); empty unless measured.</summary>
    public ActionUnitSet AuValid { get; set; }

    /// <summary>Baseline-corrected AU intensities (0–5) in <see cref="ActionUnit"/> order; 0 where not valid.</summary>
    public float[] ActionUnits { get; } = new float[ActionUnitInfo.Count];

    /// <summary>Whether <see cref="Blendshapes"/> hold this frame's scores (only with the blendshape AU estimator).</summary>
    public bool BlendshapesMeasured { get; set; }

    /// <summary>MediaPipe's blendshape scores (0–1) in <see cref="BlendshapeActionUnits.MediaPipeBlendshapes"/> order, when measured.</summary>
    public float[] Blendshapes { get; } = new float[BlendshapeActionUnits.MediaPipeBlendshapes.Count];

    /// <summary>Whether the emotion classifier ran on this face in this frame (on every frame while the face moves, a few times a second while it rests).</summary>
    public bool EmotionClassified { get; set; }

    /// <summary>Emotion-classifier probabilities in the model's label order, when <see cref="EmotionClassified"/>.</summary>
    public float[] EmotionProbabilities { get; } = new float[7];

    /// <summary>Forgets the last frame's values before the object is filled again.</summary>
    public void Clear()
    {
        Success = false;
        Confidence = 0;
        RightIris = LeftIris = new Vector2(float.NaN);
        AuStatus = ActionUnitStatus.Unavailable;
        AuValid = ActionUnitSet.None;
        EmotionClassified = false;
        BlendshapesMeasured = false;
        Array.Clear(ActionUnits);
        Array.Clear(EmotionProbabilities);
    }

    public Vector2 Point(int index) => new(Landmarks[index].X, Landmarks[index].Y);

    public void CopyTo(FaceObservation other)
    {
        other.FaceId = FaceId;
        other.Success = Success;
        other.Confidence = Confidence;
        other.Box = Box;
        other.Region = Region;
        other.Pose = Pose;
        other.RightIris = RightIris;
        other.LeftIris = LeftIris;
        Landmarks.CopyTo(other.Landmarks, 0);
        other.AuStatus = AuStatus;
        other.AuValid = AuValid;
        other.EmotionClassified = EmotionClassified;
        other.BlendshapesMeasured = BlendshapesMeasured;
        Blendshapes.CopyTo(other.Blendshapes, 0);
        ActionUnits.CopyTo(other.ActionUnits, 0);
        EmotionProbabilities.CopyTo(other.EmotionProbabilities, 0);
    }
}
