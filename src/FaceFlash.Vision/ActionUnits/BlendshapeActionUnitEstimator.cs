using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using OpenCvSharp;

namespace FaceFlash.Vision.ActionUnits;

/// <summary>
/// AU intensities from MediaPipe's blendshape model, a learned expression measure trained on real faces, fed with the
/// face's landmarks (<c>--au-model blendshapes</c>). FaceFlash's mesh has no iris points, so each iris is placed at
/// the iris model's centre when <c>--iris</c> ran, else midway between the eye corners, with its four rim points on a
/// circle whose radius is a fifth of the eye's width (a human iris is about 12 of the eye's 30 mm across). Stateless:
/// each frame on its own.
/// </summary>
public sealed class BlendshapeActionUnitEstimator : IActionUnitEstimator
{
    private const int RightIrisCentre = 468, LeftIrisCentre = 473, MeshPoints = FaceMeshTopology.PointCount;
    private const float IrisRadiusToEyeWidth = 0.2f;

    // The rim points' order around each centre is assumed (image right, up, left, down); the blendshape model's
    // sources do not document it.
    private static readonly Vector2[] RimDirections = [new(1, 0), new(0, -1), new(-1, 0), new(0, 1)];

    private readonly BlendshapeModel _model;
    private readonly (ActionUnit Au, int[] Indices)[] _correspondence;
    private readonly Vector2[] _iris = new Vector2[10];

    public BlendshapeActionUnitEstimator(ModelRepository models, OnnxSessionSettings settings)
    {
        _model = new BlendshapeModel(models, settings);
        _correspondence = BlendshapeActionUnits.Resolve(_model.Labels);
    }

    public string Name => BlendshapeModel.Name;
    public ActionUnitSet Measures => BlendshapeActionUnits.Measured;

    public void BeginFrame(Mat frame, long frameIndex, double timestampMs) { }

    public EstimateKind Estimate(Mat frame, FaceObservation face, Span<float> intensities)
    {
        PlaceIris(face, face.RightIris, FaceMeshTopology.RightEyeOuter, FaceMeshTopology.RightEyeInner, 0);
        PlaceIris(face, face.LeftIris, FaceMeshTopology.LeftEyeInner, FaceMeshTopology.LeftEyeOuter, LeftIrisCentre - RightIrisCentre);
        var input = _model.Input;
        for (var i = 0; i < BlendshapeModel.LandmarkIndices.Length; i++)
        {
            var index = BlendshapeModel.LandmarkIndices[i];
            var p = index < MeshPoints ? face.Point(index) : _iris[index - RightIrisCentre];
            input[2 * i] = p.X;
            input[2 * i + 1] = p.Y;
        }
        var scores = _model.Run();
        BlendshapeActionUnits.Fill(_correspondence, scores, intensities);
        // The raw scores travel with the face too, for the frames CSV's bs_ columns.
        scores.CopyTo(face.Blendshapes);
        face.BlendshapesMeasured = true;
        return EstimateKind.Measured;
    }

    private void PlaceIris(FaceObservation face, Vector2 measuredCentre, int cornerA, int cornerB, int slot)
    {
        var (a, b) = (face.Point(cornerA), face.Point(cornerB));
        var centre = float.IsNaN(measuredCentre.X) ? (a + b) / 2 : measuredCentre;
        var radius = Vector2.Distance(a, b) * IrisRadiusToEyeWidth;
        _iris[slot] = centre;
        for (var k = 0; k < RimDirections.Length; k++) _iris[slot + 1 + k] = centre + radius * RimDirections[k];
    }

    public void Forget(int faceId) { }

    public void Rebase(int faceId) { }

    public void Dispose() => _model.Dispose();
}
