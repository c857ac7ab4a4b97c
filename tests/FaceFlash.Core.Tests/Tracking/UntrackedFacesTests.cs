using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Tracking;

namespace FaceFlash.Core.Tests.Tracking;

public sealed class UntrackedFacesTests
{
    private static FaceTrack Track(int id) => new(id, new FaceRegion(new Vector2(100, 100), 80, 0));

    [Fact]
    public void TheStateOfFacesNoTrackHasIsFoundForRelease()
    {
        var state = new Dictionary<int, string> { [1] = "a", [3] = "b", [4] = "c", [7] = "d" };
        var stale = new List<int> { 99 }; // what the list held before is not kept
        UntrackedFaces.Find(state, [Track(3), Track(5), Track(7)], stale);
        Assert.Equal([1, 4], stale.Order());
        UntrackedFaces.Find(state, [], stale);
        Assert.Equal([1, 3, 4, 7], stale.Order());
        UntrackedFaces.Find(state, [Track(1), Track(3), Track(4), Track(7)], stale);
        Assert.Empty(stale);
    }
}
