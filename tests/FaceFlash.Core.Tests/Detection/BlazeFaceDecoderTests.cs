using System.Numerics;
using FaceFlash.Core.Detection;

namespace FaceFlash.Core.Tests.Detection;

public sealed class BlazeFaceDecoderTests
{
    private const int Size = 128;
    private readonly float[] _scores0 = Filled(BlazeFaceAnchors.Count(0), -10f);
    private readonly float[] _boxes0 = new float[BlazeFaceAnchors.Count(0) * BlazeFaceDecoder.ValuesPerAnchor];
    private readonly float[] _scores1 = Filled(BlazeFaceAnchors.Count(1), -10f);
    private readonly float[] _boxes1 = new float[BlazeFaceAnchors.Count(1) * BlazeFaceDecoder.ValuesPerAnchor];

    private static float[] Filled(int n, float v) => Enumerable.Repeat(v, n).ToArray();

    private List<FaceDetection> Decode() => new BlazeFaceDecoder(Size).Decode(_scores0, _boxes0, _scores1, _boxes1);

    [Fact]
    public void AnchorGridMatchesMediaPipe()
    {
        Assert.Equal(512, BlazeFaceAnchors.Count(0));
        Assert.Equal(384, BlazeFaceAnchors.Count(1));
        var fine = BlazeFaceAnchors.Centres(0);
        Assert.Equal(new Vector2(0.5f / 16, 0.5f / 16), fine[0]);
        Assert.Equal(fine[0], fine[1]); // two anchors per cell
        Assert.Equal(new Vector2(1.5f / 16, 0.5f / 16), fine[2]);
        Assert.Equal(new Vector2(15.5f / 16, 15.5f / 16), fine[^1]);
        Assert.Equal(new Vector2(7.5f / 8, 7.5f / 8), BlazeFaceAnchors.Centres(1)[^1]);
    }

    [Fact]
    public void NothingAboveThresholdGivesNoFaces() => Assert.Empty(Decode());

    [Fact]
    public void OffsetsAreAddedToTheAnchorInInputPixels()
    {
        // Coarse layer, cell (x=3, y=5), anchor 2 → index (5 * 8 + 3) * 6 + 2.
        var i = (5 * 8 + 3) * 6 + 2;
        _scores1[i] = 2f;
        var b = _boxes1.AsSpan(i * 16, 16);
        b[0] = 8; b[1] = -4; b[2] = 32; b[3] = 40; // centre offset and size in 128-input pixels
        b[4] = -6; b[5] = -5; // right eye offset

        var face = Assert.Single(Decode());
        var anchor = new Vector2(3.5f / 8, 5.5f / 8);
        var centre = anchor + new Vector2(8, -4) / Size;
        Assert.Equal(centre.X, face.Box.Centre.X, 5);
        Assert.Equal(centre.Y, face.Box.Centre.Y, 5);
        Assert.Equal(32f / Size, face.Box.Width, 5);
        Assert.Equal(40f / Size, face.Box.Height, 5);
        Assert.Equal(anchor.X - 6f / Size, face[FaceKeypoint.RightEye].X, 5);
        Assert.Equal(BlazeFaceDecoder.Sigmoid(2f), face.Score, 5);
    }

    [Fact]
    public void OverlappingCandidatesMergeWeightedByScore()
    {
        // Two anchors of the same cell predict slightly different boxes for one face.
        _scores0[100] = 3f;
        _scores0[101] = 1f;
        _boxes0[100 * 16 + 2] = _boxes0[100 * 16 + 3] = 40;
        _boxes0[101 * 16 + 0] = 4;
        _boxes0[101 * 16 + 2] = _boxes0[101 * 16 + 3] = 40;

        var face = Assert.Single(Decode());
        var (w0, w1) = (BlazeFaceDecoder.Sigmoid(3f), BlazeFaceDecoder.Sigmoid(1f));
        var anchorX = BlazeFaceAnchors.Centres(0)[100].X;
        var expectedCentreX = anchorX + w1 / (w0 + w1) * 4f / Size;
        Assert.Equal(expectedCentreX, face.Box.Centre.X, 5);
        Assert.Equal(w0, face.Score, 5); // the merged face keeps the best score
    }

    [Fact]
    public void SeparateFacesStaySeparate()
    {
        _scores0[0] = 3f;
        _scores0[511] = 3f;
        _boxes0[2] = _boxes0[3] = 10;
        _boxes0[511 * 16 + 2] = _boxes0[511 * 16 + 3] = 10;
        Assert.Equal(2, Decode().Count);
    }
}
