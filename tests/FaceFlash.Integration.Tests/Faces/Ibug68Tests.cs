using FaceFlash.Core.Faces;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Faces;

/// <summary>The iBUG-68 points chosen from the mesh, checked on MediaPipe's canonical (frontal, symmetric) face.</summary>
public sealed class Ibug68Tests
{
    /// <summary>Each iBUG point's mirror image in the 300-W layout.</summary>
    private static int Mirror(int i) => i switch
    {
        <= 16 => 16 - i,
        <= 26 => 43 - i,
        <= 30 => i,
        <= 35 => 66 - i,
        <= 47 => i is 40 or 41 or 46 or 47 ? 87 - i : 81 - i, // corners and upper lids 36–39 ↔ 45–42, lower lids 40, 41 ↔ 47, 46
        <= 54 => 102 - i,
        <= 59 => 114 - i,
        <= 64 => 124 - i,
        _ => 132 - i,
    };

    [Fact]
    public void ThePointsAreMirrorImagesWhereIbugsAre()
    {
        var mesh = MediaPipeCanonicalMesh.Read();
        Assert.Equal(Ibug68.Count, Ibug68.MeshIndex.Distinct().Count());
        for (var i = 0; i < Ibug68.Count; i++)
        {
            var (p, m) = (mesh[Ibug68.MeshIndex[i]], mesh[Ibug68.MeshIndex[Mirror(i)]]);
            Assert.True(Math.Abs(p.X + m.X) < 1e-3 && Math.Abs(p.Y - m.Y) < 1e-3 && Math.Abs(p.Z - m.Z) < 1e-3,
                $"iBUG {i} (mesh {Ibug68.MeshIndex[i]}) is not the mirror of iBUG {Mirror(i)} (mesh {Ibug68.MeshIndex[Mirror(i)]})");
        }
    }

    [Fact]
    public void ContoursRunTheWayIbugsDo()
    {
        var mesh = MediaPipeCanonicalMesh.Read();
        float X(int i) => mesh[Ibug68.MeshIndex[i]].X;
        float Up(int i) => mesh[Ibug68.MeshIndex[i]].Y; // MediaPipe's y points up
        for (var i = 0; i < 16; i++) Assert.True(X(i) < X(i + 1), $"jaw {i}→{i + 1} must run left to right in the image");
        Assert.True(Up(8) < Up(0) && Up(8) < Up(57), "the chin (8) is the lowest point");
        for (var i = 27; i < 30; i++) Assert.True(Up(i) > Up(i + 1), "the nose bridge runs down to the tip");
        Assert.True(X(36) < X(39) && X(42) < X(45) && Up(37) > Up(41) && Up(44) > Up(46), "eyes: corners left to right, upper lid above lower");
        Assert.True(Up(51) > Up(62) && Up(62) >= Up(66) && Up(66) > Up(57), "lips from top to bottom: 51, 62, 66, 57");
        Assert.True(X(48) < X(51) && X(51) < X(54) && X(60) < X(64), "mouth corners");
    }
}
