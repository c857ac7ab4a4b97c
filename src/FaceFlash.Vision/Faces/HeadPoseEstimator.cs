using FaceFlash.Core.Faces;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// Head pose from the landmarks against <see cref="CanonicalFace"/> with <c>Cv2.SolvePnP</c>, for the given camera
/// (<see cref="CameraIntrinsics"/>: like OpenFace, without calibration 500 px per 640 px of width, centred).
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

    private readonly MatArgs _objectArgs, _imageArgs, _cameraArgs, _distortionArgs, _rvecArgs, _tvecArgs;

    private readonly CameraIntrinsics _intrinsics;

    public HeadPoseEstimator(CameraIntrinsics intrinsics)
    {
        _intrinsics = intrinsics;
        for (var i = 0; i < CanonicalFace.Indices.Length; i++)
        {
            var p = CanonicalFace.Points[CanonicalFace.Indices[i]];
            _object.Set(i, 0, new Vec3f(p.X, p.Y, p.Z));
        }
        _camera.Set(2, 2, 1.0);
        (_objectArgs, _imageArgs, _cameraArgs) = (new MatArgs(_object), new MatArgs(_image), new MatArgs(_camera));
        (_distortionArgs, _rvecArgs, _tvecArgs) = (new MatArgs(_distortion), new MatArgs(_rvec), new MatArgs(_tvec));
    }

    public unsafe HeadPose Estimate(FaceObservation face, int imageWidth, int imageHeight)
    {
        SetCamera(imageWidth, imageHeight);
        // Written through the data pointer: Mat.Set and Mat.At allocate an indexer on every call.
        var image = (Vec2f*)_image.DataPointer;
        for (var i = 0; i < CanonicalFace.Indices.Length; i++)
        {
            var p = face.Landmarks[CanonicalFace.Indices[i]];
            image[i] = new Vec2f(p.X, p.Y);
        }
        // SQPnP finds the global least-squares pose directly, about 15 times faster here than the iterative solver.
        HotCv.SolvePnP(_objectArgs, _imageArgs, _cameraArgs, _distortionArgs, _rvecArgs, _tvecArgs, SolvePnPMethod.SQPNP);
        var r = (double*)_rvec.DataPointer;
        var t = (double*)_tvec.DataPointer;
        HeadPoseMath.RotationFromVector(r[0], r[1], r[2], _r);
        var (pitch, yaw, roll) = HeadPoseMath.EulerXyz(_r);
        return new HeadPose((float)t[0], (float)t[1], (float)t[2], pitch, yaw, roll);
    }

    private void SetCamera(int w, int h)
    {
        if (_cameraFor == (w, h)) return;
        var (fx, fy, cx, cy) = _intrinsics.For(w, h);
        _camera.Set(0, 0, fx);
        _camera.Set(1, 1, fy);
        _camera.Set(0, 2, cx);
        _camera.Set(1, 2, cy);
        _cameraFor = (w, h);
    }

    public void Dispose()
    {
        foreach (var args in new[] { _objectArgs, _imageArgs, _cameraArgs, _distortionArgs, _rvecArgs, _tvecArgs }) args.Dispose();
        foreach (var m in new[] { _object, _image, _camera, _distortion, _rvec, _tvec }) m.Dispose();
    }
}
