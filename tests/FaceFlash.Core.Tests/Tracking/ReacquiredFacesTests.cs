using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Core.Tests.Tracking;

public sealed class ReacquiredFacesTests
{
    private static FaceObservation Face(int id, bool success) => new() { FaceId = id, Success = success };

    [Fact]
    public void AFaceFoundAgainInTheFrameThatLostItHasOneRow()
    {
        var lostAndFound = Face(0, success: false);
        var lostForGood = Face(2, success: false);
        var faces = new List<FaceObservation> { lostAndFound, Face(1, success: true), lostForGood, Face(0, success: true) };
        var pool = new Pool<FaceObservation>(() => new FaceObservation());

        ReacquiredFaces.DropTheirLosses(faces, pool);

        Assert.Equal([(1, true), (2, false), (0, true)], faces.Select(f => (f.FaceId, f.Success)));
        Assert.Same(lostAndFound, pool.Rent()); // handed back for reuse
    }
}
