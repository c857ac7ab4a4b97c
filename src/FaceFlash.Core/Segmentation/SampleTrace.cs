namespace FaceFlash.Core.Segmentation;

/// <summary>
/// The last few seconds of a face's head angles and lid closure, so that an expression, once its extent is known, can
/// be checked for head rotation and blinks over exactly its own span. A fixed ring: memory stays flat.
/// </summary>
public sealed class SampleTrace(int capacity = 8192)
{
    private readonly double[] _times = new double[capacity];
    private readonly float[] _pitch = new float[capacity];
    private readonly float[] _yaw = new float[capacity];
    private readonly float[] _blink = new float[capacity];
    private int _head;
    private int _count;

    public void Add(double timestampMs, float pitch, float yaw, float blink)
    {
        (_times[_head], _pitch[_head], _yaw[_head], _blink[_head]) = (timestampMs, pitch, yaw, blink);
        _head = (_head + 1) % capacity;
        _count = Math.Min(_count + 1, capacity);
    }

    public void Clear() => _count = 0;

    /// <summary>Pitch and yaw ranges (radians) and the strongest lid closure between two times, inclusive.</summary>
    public (float PitchRange, float YawRange, float Blink) Over(double fromMs, double toMs)
    {
        float minPitch = float.MaxValue, maxPitch = float.MinValue, minYaw = float.MaxValue, maxYaw = float.MinValue, blink = 0;
        for (var k = 1; k <= _count; k++)
        {
            var i = (_head - k + capacity) % capacity;
            if (_times[i] > toMs) continue;
            if (_times[i] < fromMs) break;
            (minPitch, maxPitch) = (Math.Min(minPitch, _pitch[i]), Math.Max(maxPitch, _pitch[i]));
            (minYaw, maxYaw) = (Math.Min(minYaw, _yaw[i]), Math.Max(maxYaw, _yaw[i]));
            blink = Math.Max(blink, _blink[i]);
        }
        return minPitch > maxPitch ? (0, 0, 0) : (maxPitch - minPitch, maxYaw - minYaw, blink);
    }
}
