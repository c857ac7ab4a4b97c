using FaceFlash.Core.Faces;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// Head pose from the landmarks against <see cref="CanonicalFace"/> with <c>Cv2.SolvePnP</c>. Like OpenFace, with
/// no calibration the focal length is taken as 500 px per 640 px of image width and the principal point as the centre.
/// </summary>
public sealed class HeadPoseEstimator : IDisposable
{
    private readonly Mat _object = new(CanonicalFace.Indices.Length, 1, MatType.CV_32FC3);
    private readonly Mat _image = new(CanonicalFace.Indices.Length, 1, MatType.CV_32FC2);
    private readonly Mat _camera = new(3, 3, MatType.CV_64FC1, Scalar.All(0));
    private readonly Mat _distortion = new(4, 1, MatType.CV_64FC1, Scalar.All(0));
    private readonly Mat _rvec = new(3, 1, MatType.CV_64FC1);
    private readonly Mat _tvec = new(3, 1, MatType.CV_64FC1);
    private readonly double[] _r = new double[9];
    private (int W, int H) _cameraFor;

    // OpenCvSharp makes a wrapper object for every Mat passed as an input; these Mats live as long as the estimator,
    // so their input wrappers are made once. (Output wrappers are released by each call and cannot be kept.)
    private readonly InputArray _objectIn, _imageIn, _cameraIn, _distortionIn;

    public HeadPoseEstimator()
    {
        for (var i = 0; i < CanonicalFace.Indices.Length; i++)
        {
            var p = CanonicalFace.Points[CanonicalFace.Indices[i]];
            _object.Set(i, 0, new Vec3f(p.X, p.Y, p.Z));
        }
        _camera.Set(2, 2, 1.0);
        (_objectIn, _imageIn, _cameraIn, _distortionIn) =
            (InputArray.Create(_object), InputArray.Create(_image), InputArray.Create(_camera), InputArray.Create(_distortion));
    }

    public HeadPose Estimate(FaceObservation face, int imageWidth, int imageHeight)
    {
        SetCamera(imageWidth, imageHeight);
        for (var i = 0; i < CanonicalFace.Indices.Length; i++)
        {
            var p = face.Landmarks[CanonicalFace.Indices[i]];
            _image.Set(i, 0, new Vec2f(p.X, p.Y));
        }
        // SQPnP finds the global least-squares pose directly, about 15 times faster here than the iterative solver.
        Cv2.SolvePnP(_objectIn, _imageIn, _cameraIn, _distortionIn, _rvec, _tvec, false, SolvePnPMethod.SQPNP);
        HeadPoseMath.RotationFromVector(_rvec.At<double>(0), _rvec.At<double>(1), _rvec.At<double>(2), _r);
        var (pitch, yaw, roll) = HeadPoseMath.EulerXyz(_r);
        return new HeadPose((float)_tvec.At<double>(0), (float)_tvec.At<double>(1), (float)_tvec.At<double>(2), pitch, yaw, roll);
    }

    private void SetCamera(int w, int h)
    {
        if (_cameraFor == (w, h)) return;
        var f = 500.0 * w / 640.0;
        _camera.Set(0, 0, f);
        _camera.Set(1, 1, f);
        _camera.Set(0, 2, w / 2.0);
        _camera.Set(1, 2, h / 2.0);
        _cameraFor = (w, h);
    }

    public void Dispose()
    {
        foreach (var wrapper in new IDisposable[] { _objectIn, _imageIn, _cameraIn, _distortionIn }) wrapper.Dispose();
        foreach (var m in new[] { _object, _image, _camera, _distortion, _rvec, _tvec }) m.Dispose();
    }
}
