using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Models;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>FaceMesh on a rotation-aligned crop of a face region; 468 points come back in image pixels.</summary>
public sealed class FaceLandmarker(FaceMeshModel model) : IDisposable
{
    private readonly AffineCrop _crop = new(model.InputSize);

    /// <summary>The last crop the model saw (for overlays and the emotion classifier).</summary>
    public Mat Crop => _crop.Image;

    /// <summary>Writes the landmarks into <paramref name="landmarks"/> and returns the face-presence probability.</summary>
    public float Locate(Mat frame, FaceRegion region, Span<Vector3> landmarks)
    {
        var cropToImage = region.CropToImage(_crop.Size);
        TensorFill.FromBgr(_crop.Sample(frame, cropToImage), model.Input, model.Entry.Normalisation);
        model.Run();
        var mesh = model.Mesh;
        var zScale = region.Size / _crop.Size;
        for (var i = 0; i < landmarks.Length; i++)
        {
            var p = Vector2.Transform(new Vector2(mesh[3 * i], mesh[3 * i + 1]), cropToImage);
            landmarks[i] = new Vector3(p, mesh[3 * i + 2] * zScale);
        }
        return model.FacePresence;
    }

    public void Dispose() => _crop.Dispose();
}
