using FaceFlash.Core.Frames;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Pipeline.Mirror;

/// <summary>
/// Where each face was last seen, frame by frame: an expression is flagged as it ends, which can be after its face was
/// lost. Kept for every face a run has seen, which a batch run can afford (the mirror check is for recorded video only).
/// </summary>
internal sealed class LastFaceRegions
{
    private readonly Dictionary<int, FaceRegion> _regions = [];

    public void Add(FrameAnalysis frame)
    {
        foreach (var face in frame.Faces)
            if (face.Success) _regions[face.FaceId] = face.Region;
    }

    public FaceRegion? Of(int faceId) => _regions.TryGetValue(faceId, out var region) ? region : null;
}
