using System.Numerics;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// The last few seconds of a face's head angles, position, lid closure and tracking confidence, so that an expression,
/// once its extent is known, can be checked for head motion, blinks and how clearly the face was seen over exactly its
/// own span. A fixed ring: memory stays flat.
/// </summary>
public sealed class SampleTrace(int capacity = 8192)
{
    /// <summary>
    /// The head's speed is measured over at least this long (a frame at 25 fps): at high frame rates the landmarks'
    /// jitter from one frame to the next would otherwise read as speed.
    /// </summary>
    public const double SpeedBaselineMs = 40;

    private readonly double[] _times = new double[capacity];
    private readonly float[] _pitch = new float[capacity];
    private readonly float[] _yaw = new float[capacity];
    private readonly float[] _blink = new float[capacity];
    private readonly Vector2[] _eyes = new Vector2[capacity];
    private readonly float[] _eyeDistance = new float[capacity];
    private readonly float[] _trackingConfidence = new float[capacity];
    private int _head;
    private int _count;

    public void Add(double timestampMs, float pitch, float yaw, Vector2 eyesPx, float eyeDistancePx, float blink, float trackingConfidence)
    {
        (_times[_head], _pitch[_head], _yaw[_head], _blink[_head]) = (timestampMs, pitch, yaw, blink);
        _trackingConfidence[_head] = trackingConfidence;
        (_eyes[_head], _eyeDistance[_head]) = (eyesPx, eyeDistancePx);
        _head = (_head + 1) % capacity;
        _count = Math.Min(_count + 1, capacity);
    }

    public void Clear() => _count = 0;

    /// <summary>
    /// Pitch and yaw ranges (radians), the head's top speed (eye-corner distances per second, each sample against the
    /// last one at least <see cref="SpeedBaselineMs"/> earlier, which may lie before <paramref name="fromMs"/>), the
    /// strongest lid closure and the mean tracking confidence between two times, inclusive.
    /// </summary>
    public (float PitchRange, float YawRange, float Speed, float Blink, float TrackingConfidence) Over(double fromMs, double toMs)
    {
        float minPitch = float.MaxValue, maxPitch = float.MinValue, minYaw = float.MaxValue, maxYaw = float.MinValue, speed = 0, blink = 0;
        float confidenceSum = 0;
        var samples = 0;
        var earlier = 1; // walks back ahead of k: the latest sample at least the baseline before sample k
        for (var k = 1; k <= _count; k++)
        {
            var i = Index(k);
            if (_times[i] > toMs) continue;
            if (_times[i] < fromMs) break;
            (minPitch, maxPitch) = (Math.Min(minPitch, _pitch[i]), Math.Max(maxPitch, _pitch[i]));
            (minYaw, maxYaw) = (Math.Min(minYaw, _yaw[i]), Math.Max(maxYaw, _yaw[i]));
            blink = Math.Max(blink, _blink[i]);
            confidenceSum += _trackingConfidence[i];
            samples++;
            earlier = Math.Max(earlier, k + 1);
            while (earlier <= _count && _times[Index(earlier)] > _times[i] - SpeedBaselineMs) earlier++;
            if (earlier > _count) continue;
            var j = Index(earlier);
            var travelled = Vector2.Distance(_eyes[i], _eyes[j]) / Math.Max((_eyeDistance[i] + _eyeDistance[j]) / 2, 1e-3f);
            speed = Math.Max(speed, travelled / (float)((_times[i] - _times[j]) / 1000));
        }
        return samples == 0 ? (0, 0, 0, 0, 1) : (maxPitch - minPitch, maxYaw - minYaw, speed, blink, confidenceSum / samples);
    }

    /// <summary>The ring index of the <paramref name="k"/>-th newest sample (1 = the newest).</summary>
    private int Index(int k) => (_head - k + capacity) % capacity;
}
