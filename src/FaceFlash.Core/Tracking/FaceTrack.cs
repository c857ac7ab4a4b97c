using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tracking;

/// <summary>One face followed across frames: a stable id and the region its next landmark crop comes from.</summary>
public sealed class FaceTrack(int id, FaceRegion region)
{
    public int Id { get; } = id;
    public FaceRegion Region { get; set; } = region;

    /// <summary>Axis-aligned box of the current landmarks (or of the detection that started the track).</summary>
    public BoxF Box { get; set; } = region.AxisAlignedBounds;

    /// <summary>Whether FaceMesh has found a face here: until then the track is only the detector's proposal.</summary>
    public bool Confirmed { get; set; }
}
