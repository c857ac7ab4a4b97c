using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Models;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// MediaPipe Iris on each eye: a square crop around the eye corners, twice the eye's width, aligned with the eye
/// line; the left eye is mirrored because the model was trained on right eyes.
/// </summary>
public sealed class IrisLocator(IrisModel model) : IDisposable
{
    private const float CropToEyeWidth = 2.3f;
    private readonly AffineCrop _crop = new(model.InputSize);

    /// <summary>Iris centres (subject's right, left) in image pixels.</summary>
    public (Vector2 Right, Vector2 Left) Locate(Mat frame, FaceObservation face)
    {
        var right = Centre(frame, face.Point(FaceMeshTopology.RightEyeOuter), face.Point(FaceMeshTopology.RightEyeInner), mirror: false);
        var left = Centre(frame, face.Point(FaceMeshTopology.LeftEyeInner), face.Point(FaceMeshTopology.LeftEyeOuter), mirror: true);
        return (right, left);
    }

    private Vector2 Centre(Mat frame, Vector2 imageLeftCorner, Vector2 imageRightCorner, bool mirror)
    {
        var region = new FaceRegion((imageLeftCorner + imageRightCorner) / 2,
            Vector2.Distance(imageLeftCorner, imageRightCorner) * CropToEyeWidth,
            FaceRegion.EyeLineAngle(imageLeftCorner, imageRightCorner));
        var cropToImage = region.CropToImage(_crop.Size);
        if (mirror)
            cropToImage = Matrix3x2.CreateScale(-1, 1) * Matrix3x2.CreateTranslation(_crop.Size, 0) * cropToImage;
        TensorFill.FromBgr(_crop.Sample(frame, cropToImage), model.Input, model.Entry.Normalisation);
        model.Run();
        var iris = model.Points.Slice(IrisModel.ContourPoints * 3, 3);
        return Vector2.Transform(new Vector2(iris[0], iris[1]), cropToImage);
    }

    public void Dispose() => _crop.Dispose();
}
