using System.Numerics;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>
/// <c>&lt;stem&gt;.aligned/</c> (<c>--format aligned</c>): every tracked face in every frame as a square image, the face
/// put in place by <see cref="FaceAlignment"/>, as OpenFace's <c>-simalign</c> writes them for training and
/// appearance analysis — named as OpenFace names them, <c>frame_det_&lt;face_id&gt;_&lt;frame&gt;.png</c> (two and
/// six digits; the frame 1-based and the face id as in the frames CSV, so rows and images join). PNG, lossless, so
/// that optical flow between an event's onset and apex images sees no compression (OpenCV's default level: 0.4 ms
/// and 18 KB an image of 112 × 112 here; levels 3 and 6 took 0.9 and 2.1 ms for 16 and 15 KB). Committed like the
/// frames CSV.
/// </summary>
public sealed class AlignedFacesSink : IFrameImageSink, IDisposable
{
    private readonly AtomicFolder _folder;
    private readonly AffineCrop _crop;
    private readonly Vector2[] _template;
    private readonly Vector2[] _anchors = new Vector2[FaceMeshTopology.Anchors.Length];

    public AlignedFacesSink(string path, int size = FaceAlignment.DefaultSize)
    {
        _folder = new AtomicFolder(path);
        _crop = new AffineCrop(size);
        _template = FaceAlignment.Template(size);
    }

    public void Write(FrameAnalysis frame) => throw new InvalidOperationException("aligned faces are cut from the frame's image");

    public void Write(FrameAnalysis frame, Mat image)
    {
        foreach (var face in frame.Faces)
        {
            if (!face.Success) continue;
            for (var i = 0; i < _anchors.Length; i++) _anchors[i] = face.Point(FaceMeshTopology.Anchors[i]);
            var alignedToImage = FaceAlignment.AlignedToImage(_anchors, _template).ToMatrix();
            // Encoded here and written by .NET: a full disk is then its own one-line IOException ("No space left on
            // device"), where OpenCV's writer returned false and libpng printed a line of its own.
            Cv2.ImEncode(".png", _crop.Sample(image, alignedToImage), out var png);
            File.WriteAllBytes(_folder.File($"frame_det_{face.FaceId:00}_{frame.Envelope.Index + 1:000000}.png"), png);
        }
    }

    public void Commit(StreamEnd end) => _folder.Commit();

    public void Dispose()
    {
        _folder.Dispose();
        _crop.Dispose();
    }
}
