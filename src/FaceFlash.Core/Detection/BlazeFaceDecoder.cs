using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Detection;

/// <summary>
/// Turns BlazeFace's raw outputs into faces: sigmoid on the score logits, box and keypoint offsets added to the
/// anchor centres, then weighted non-maximum suppression. Coordinates come out in [0, 1] of the model input.
/// </summary>
public sealed class BlazeFaceDecoder
{
    /// <summary>Per anchor: centre x, y, width, height, then 6 keypoints as x, y.</summary>
    public const int ValuesPerAnchor = 16;

    private readonly Vector2[][] _anchors = [BlazeFaceAnchors.Centres(0), BlazeFaceAnchors.Centres(1)];
    private readonly float _inputSize;
    private readonly List<FaceDetection> _candidates = new(16);

    public BlazeFaceDecoder(int inputSize, float scoreThreshold = 0.5f, float iouThreshold = 0.3f)
    {
        _inputSize = inputSize;
        ScoreThreshold = scoreThreshold;
        IouThreshold = iouThreshold;
    }

    public float ScoreThreshold { get; }
    public float IouThreshold { get; }

    /// <param name="scores">score logits of each layer, in anchor order</param>
    /// <param name="boxes">box and keypoint offsets of each layer, <see cref="ValuesPerAnchor"/> per anchor</param>
    public List<FaceDetection> Decode(ReadOnlySpan<float> scores0, ReadOnlySpan<float> boxes0, ReadOnlySpan<float> scores1, ReadOnlySpan<float> boxes1)
    {
        _candidates.Clear();
        AddCandidates(_anchors[0], scores0, boxes0);
        AddCandidates(_anchors[1], scores1, boxes1);
        return WeightedNonMaximumSuppression.Apply(_candidates, IouThreshold);
    }

    // The logit is compared before the sigmoid so that the exp runs only for the few anchors that pass.
    private void AddCandidates(Vector2[] anchors, ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes)
    {
        if (scores.Length != anchors.Length || boxes.Length != anchors.Length * ValuesPerAnchor)
            throw new ArgumentException($"expected {anchors.Length} anchors, got {scores.Length} scores and {boxes.Length} box values");
        var logitThreshold = MathF.Log(ScoreThreshold / (1 - ScoreThreshold));
        var scale = 1f / _inputSize;
        for (var i = 0; i < anchors.Length; i++)
        {
            if (scores[i] <= logitThreshold) continue;
            var b = boxes.Slice(i * ValuesPerAnchor, ValuesPerAnchor);
            var anchor = anchors[i];
            var centre = anchor + new Vector2(b[0], b[1]) * scale;
            var keypoints = new Vector2[FaceDetection.KeypointCount];
            for (var k = 0; k < keypoints.Length; k++)
                keypoints[k] = anchor + new Vector2(b[4 + 2 * k], b[5 + 2 * k]) * scale;
            _candidates.Add(new FaceDetection(BoxF.FromCentre(centre, b[2] * scale, b[3] * scale), keypoints, Sigmoid(scores[i])));
        }
    }

    public static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
