using System.Numerics;
using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Detection;

/// <summary>
/// MediaPipe's weighted NMS: candidates that overlap the best remaining one are merged into it, box and keypoints
/// averaged with their scores as weights; the merged face keeps the best score. Steadier than plain NMS.
/// </summary>
public static class WeightedNonMaximumSuppression
{
    public static List<FaceDetection> Apply(IReadOnlyList<FaceDetection> candidates, float iouThreshold)
    {
        var remaining = candidates.OrderByDescending(c => c.Score).ToList();
        var result = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var cluster = remaining.Where(c => c.Box.IntersectionOverUnion(best.Box) >= iouThreshold).ToList();
            remaining.RemoveAll(cluster.Contains);
            result.Add(Merge(cluster, best.Score));
        }
        return result;
    }

    private static FaceDetection Merge(List<FaceDetection> cluster, float score)
    {
        if (cluster.Count == 1) return cluster[0];
        var total = cluster.Sum(c => c.Score);
        float x = 0, y = 0, r = 0, b = 0;
        var keypoints = new Vector2[FaceDetection.KeypointCount];
        foreach (var c in cluster)
        {
            var w = c.Score / total;
            x += c.Box.X * w;
            y += c.Box.Y * w;
            r += c.Box.Right * w;
            b += c.Box.Bottom * w;
            for (var k = 0; k < keypoints.Length; k++) keypoints[k] += c.Keypoints[k] * w;
        }
        return new FaceDetection(new BoxF(x, y, r - x, b - y), keypoints, score);
    }
}
