using System.Numerics;
using FaceFlash.Core.Detection;
using FaceFlash.Models;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>BlazeFace on a whole frame: letterboxes it into the model's square input and returns faces in image pixels.</summary>
public sealed class FaceDetector(BlazeFaceModel model) : IDisposable
{
    private readonly Mat _letterboxed = new(model.InputSize, model.InputSize, MatType.CV_8UC3);
    private readonly Mat _resized = new();

    public List<FaceDetection> Detect(Mat frame)
    {
        var side = model.InputSize;
        var scale = (double)side / Math.Max(frame.Width, frame.Height);
        var (w, h) = ((int)Math.Round(frame.Width * scale), (int)Math.Round(frame.Height * scale));
        var (padX, padY) = ((side - w) / 2, (side - h) / 2);
        Cv2.Resize(frame, _resized, new Size(w, h), interpolation: InterpolationFlags.Area);
        _letterboxed.SetTo(Scalar.Black);
        using (var roi = new Mat(_letterboxed, new Rect(padX, padY, w, h))) _resized.CopyTo(roi);
        TensorFill.FromBgr(_letterboxed, model.Input, model.Entry.Normalisation);

        var toImage = Matrix3x2.CreateScale(side) * Matrix3x2.CreateTranslation(-padX, -padY)
                      * Matrix3x2.CreateScale((float)(1 / scale));
        return model.Detect().Select(d => d.Map(p => Vector2.Transform(p, toImage))).ToList();
    }

    public void Dispose()
    {
        _letterboxed.Dispose();
        _resized.Dispose();
    }
}
