using System.Numerics;
using FaceFlash.Core.Faces;
using Xunit;

namespace FaceFlash.Core.Tests.Faces;

public class FaceAlignmentTests
{
    [Fact]
    public void TheTemplatePutsTheEyesLevelAndTheNoseBridgeOnTheMiddleLine()
    {
        var t = FaceAlignment.Template(112);
        var index = (int anchor) => Array.IndexOf(FaceMeshTopology.Anchors, anchor);
        var (right, left) = (t[index(FaceMeshTopology.RightEyeOuter)], t[index(FaceMeshTopology.LeftEyeOuter)]);
        Assert.Equal(FaceAlignment.EyeSpan * 112, left.X - right.X, 3);
        Assert.Equal(56, (left.X + right.X) / 2, 3);
        Assert.Equal(FaceAlignment.EyeLine * 112, right.Y, 3);
        Assert.Equal(right.Y, left.Y, 3);
        foreach (var bridge in new[] { FaceMeshTopology.NoseBridgeTop, FaceMeshTopology.NoseBridge, FaceMeshTopology.NoseBridgeLower, FaceMeshTopology.NoseDorsum })
            Assert.Equal(56, t[index(bridge)].X, 3);
    }

    [Fact]
    public void AFaceTurnedScaledAndMovedInTheImageIsPutBackOnTheTemplate()
    {
        var template = FaceAlignment.Template(112);
        // The face as the image has it: the template rotated by 20°, three times larger and elsewhere, each anchor
        // moved a little as an expression or noise would.
        var rotation = Matrix3x2.CreateRotation(MathF.PI / 9) * Matrix3x2.CreateScale(3) * Matrix3x2.CreateTranslation(400, 250);
        var jitter = new[] { 0.4f, -0.3f, 0.2f, -0.5f, 0.3f, 0.1f, -0.2f, 0.0f };
        var anchors = template.Select((p, i) => Vector2.Transform(p, rotation) + new Vector2(jitter[i], -jitter[i])).ToArray();

        var toImage = FaceAlignment.AlignedToImage(anchors, template);

        Assert.InRange(toImage.Scale, 2.97, 3.03);
        Assert.InRange(toImage.Rotation, MathF.PI / 9 - 0.01, MathF.PI / 9 + 0.01);
        for (var i = 0; i < anchors.Length; i++) Assert.True(Vector2.Distance(toImage.Apply(template[i]), anchors[i]) < 1, $"anchor {i}");
        // As the warp samples with it: the matrix maps as the transform does.
        foreach (var p in template) Assert.True(Vector2.Distance(Vector2.Transform(p, toImage.ToMatrix()), toImage.Apply(p)) < 1e-3f);
    }
}
