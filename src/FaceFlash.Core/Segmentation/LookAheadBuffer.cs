using System.Numerics;
using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Copies of one face's first samples, held while a batch segmenter looks ahead to form its levels. Slots are kept
/// for reuse after <see cref="Clear"/>, so a face that is re-primed allocates nothing new.
/// </summary>
public sealed class LookAheadBuffer
{
    private sealed class Slot
    {
        public double TimestampMs;
        public long Frame;
        public readonly float[] Intensities = new float[ActionUnitInfo.Count];
        public ActionUnitSet Valid;
        public float Pitch, Yaw, EyeDistancePx, LipGap, TrackingConfidence;
        public Vector2 EyesPx;
        public float[] Classifier = [];
        public int ClassifierLength;
    }

    private readonly List<Slot> _slots = [];

    public int Count { get; private set; }

    /// <summary>Time from the first sample held to the last.</summary>
    public double SpanMs => Count == 0 ? 0 : _slots[Count - 1].TimestampMs - _slots[0].TimestampMs;

    public void Add(in FaceSample sample)
    {
        if (Count == _slots.Count) _slots.Add(new Slot());
        var slot = _slots[Count++];
        slot.TimestampMs = sample.TimestampMs;
        slot.Frame = sample.Frame;
        sample.Intensities.CopyTo(slot.Intensities);
        slot.Valid = sample.Valid;
        (slot.Pitch, slot.Yaw, slot.EyesPx, slot.EyeDistancePx, slot.LipGap) = (sample.Pitch, sample.Yaw, sample.EyesPx, sample.EyeDistancePx, sample.LipGap);
        slot.TrackingConfidence = sample.TrackingConfidence;
        if (slot.Classifier.Length < sample.Classifier.Length) slot.Classifier = new float[sample.Classifier.Length];
        sample.Classifier.CopyTo(slot.Classifier);
        slot.ClassifierLength = sample.Classifier.Length;
    }

    /// <summary>The <paramref name="index"/>-th sample held, as a view valid until the next <see cref="Add"/>.</summary>
    public FaceSample this[int index]
    {
        get
        {
            var s = _slots[index];
            return new FaceSample(s.TimestampMs, s.Frame, s.Intensities, s.Valid, s.Pitch, s.Yaw, s.EyesPx, s.EyeDistancePx,
                s.Classifier.AsSpan(0, s.ClassifierLength)) { LipGap = s.LipGap, TrackingConfidence = s.TrackingConfidence };
        }
    }

    public void Clear() => Count = 0;
}
