using FaceFlash.Core.Faces;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;
using FaceFlash.Vision.Imaging;
using OpenCvSharp;

namespace FaceFlash.Vision.Faces;

/// <summary>
/// The appearance part of the tracking confidence: each tracked face's aligned 48 × 48 grey thumbnail against its own
/// reference (<see cref="AppearanceAgreement"/>): the share of the face still visible as itself, times its sharpness
/// against the reference's (capped at 1). The reference is the face's first thumbnail, followed slowly while the face
/// is fully visible, so lighting drift is absorbed but a hand, a card or blur lowers the score.
/// </summary>
public sealed class AppearanceTracker : IDisposable
{
    private const int Size = 48;

    /// <summary>Reference update per frame while the whole face is visible: about a second to follow a change at 25–30 fps.</summary>
    private const float FollowRate = 0.05f;

    private sealed class Reference(float[] image, float sharpness)
    {
        public readonly float[] Image = image;
        public float Sharpness = sharpness;
    }

    private readonly AffineCrop _crop = new(Size);
    private readonly Dictionary<int, Reference> _references = [];
    private readonly float[] _current = new float[Size * Size];
    private readonly List<int> _stale = [];

    /// <summary>How much the face in <paramref name="region"/> looks like this face's reference, 0–1.</summary>
    public unsafe float Score(int faceId, Mat frame, FaceRegion region)
    {
        var image = _crop.Sample(frame, region.CropToImage(Size));
        var bgr = (byte*)image.DataPointer;
        var step = (int)image.Step();
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                var p = bgr + y * step + 3 * x;
                _current[y * Size + x] = 0.114f * p[0] + 0.587f * p[1] + 0.299f * p[2];
            }
        var sharpness = AppearanceAgreement.Sharpness(_current, Size);
        if (!_references.TryGetValue(faceId, out var reference))
        {
            _references[faceId] = new Reference((float[])_current.Clone(), sharpness);
            return 1;
        }
        var visible = AppearanceAgreement.VisibleShare(reference.Image, _current, Size);
        var sharp = reference.Sharpness > 0 ? Math.Min(1, sharpness / reference.Sharpness) : 1;
        if (visible >= 1)
        {
            AppearanceAgreement.Follow(reference.Image, _current, FollowRate);
            reference.Sharpness += FollowRate * (sharpness - reference.Sharpness);
        }
        return visible * MathF.Sqrt(sharp);
    }

    /// <summary>Forgets the references of faces no longer tracked.</summary>
    public void RetainOnly(IReadOnlyList<FaceTrack> tracks)
    {
        UntrackedFaces.Find(_references, tracks, _stale);
        foreach (var id in _stale) _references.Remove(id);
    }

    public void Dispose() => _crop.Dispose();
}
