using System.Numerics;
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Tests.Segmentation;

/// <summary>
/// The segmenter on synthetic AU traces: timing and kinds here; blinks and the head, labels, speech, grouping and the
/// ends of a face's stream in the other files of this class.
/// </summary>
public sealed partial class ExpressionSegmenterTests
{
    private readonly SegmenterOutput _output = new();
    private List<ExpressionEvent> _events => _output.Events;
    private List<BlinkEvent> _blinks => _output.Blinks;
    // Causal, as live analysis runs it; the batch look-ahead has tests of its own.
    private readonly ExpressionSegmenter _segmenter = new(7, new SegmenterOptions { LookAheadMs = 0 }, new EmotionLabeler(), []);

    /// <summary>A face that stays where it is: its outer eye corners' midpoint and distance, pixels.</summary>
    private static readonly Vector2 Eyes = new(320, 200);
    private const float EyeDistance = 90;

    private int NotReported(NotReportedReason reason) => _output.Unreported.Count(u => u.Reason == reason);

    /// <summary>One sample of a face whose estimator measures every AU.</summary>
    private void Add(double t, long frame, float[] aus, float yaw = 0, float pitch = 0) =>
        _segmenter.Add(new FaceSample(t, frame, aus, ActionUnitSet.All, pitch, yaw, Eyes, EyeDistance, []), _output);

    /// <summary>Runs a clip: resting face, with <paramref name="shape"/> giving the AU intensities at each time.</summary>
    private void Run(double fps, double endMs, Func<double, float[]> shape, Func<double, float>? yaw = null, Func<double, float>? pitch = null)
    {
        var step = 1000 / fps;
        long frame = 0;
        for (var t = 0.0; t <= endMs; t += step)
            Add(t, frame++, shape(t), yaw?.Invoke(t) ?? 0, pitch?.Invoke(t) ?? 0);
    }

    private static float Ramp(double t, double onset, double offset, float peak)
    {
        if (t <= onset || t >= offset) return 0;
        var u = (t - onset) / (offset - onset);
        return (float)(peak * Math.Sin(Math.PI * u));
    }

    private static float[] Aus(params (ActionUnit Au, float Value)[] values)
    {
        var v = new float[ActionUnitInfo.Count];
        foreach (var (au, value) in values) v[(int)au] = value;
        v[(int)ActionUnit.AU12] = Math.Max(v[(int)ActionUnit.AU12L], Math.Max(v[(int)ActionUnit.AU12R], v[(int)ActionUnit.AU12]));
        return v;
    }

    [Fact]
    public void AMicroSmileIsFlaggedAsMicroHappinessWithinTheLookAheadBound()
    {
        Run(100, 3000, t =>
        {
            var a = Ramp(t, 1000, 1120, 2f);
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a));
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Micro, e.Kind);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.Equal("AU06+AU12", e.Aus);
        Assert.Equal(7, e.FaceId);
        Assert.InRange(e.OnsetMs, 990, 1030);
        Assert.InRange(e.OffsetMs, 1090, 1130);
        Assert.InRange(e.ApexMs, 1050, 1070);
        Assert.True(e.FlaggedAtMs - e.OnsetMs <= new SegmenterOptions().MicroFlagBoundMs);
        Assert.InRange(e.Confidence, 0.5f, 1f);
    }

    [Theory]
    [InlineData(0.3f, false, false)] // the tracker saw the face poorly all through (a face turned far, a card over the eyes)
    [InlineData(0.9f, false, true)]
    [InlineData(0.9f, true, true)] // one poorly seen frame inside does not veto it
    public void AMovementOnAFaceTheTrackerSeesPoorlyIsNotReported(float clarity, bool oneFrameUnclear, bool reported)
    {
        long frame = 0;
        for (var t = 0.0; t <= 3000; t += 10)
        {
            var a = Ramp(t, 1000, 1120, 2f);
            var aus = Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a));
            var seen = t is >= 900 and <= 1300 ? (oneFrameUnclear && t == 1060 ? 0.1f : clarity) : 0.95f;
            _segmenter.Add(new FaceSample(t, frame++, aus, ActionUnitSet.All, 0, 0, Eyes, EyeDistance, []) { TrackingConfidence = seen }, _output);
        }
        Assert.Equal(reported ? 1 : 0, _events.Count);
        Assert.Equal(reported ? 0 : 1, NotReported(NotReportedReason.UnclearFace));
    }

    [Fact]
    public void AMovementOfExactlyTheMicroMaximumIsMicroThoughItsTimestampsAreInexact()
    {
        // As a 25 fps video's presentation times arrive: frame n at n × 0.04 s, in milliseconds. Frames 52 and 57 are
        // then 200.00000000000003 ms apart — a movement over five frame intervals, which is 200 ms.
        for (long frame = 0; frame <= 100; frame++)
        {
            var a = frame is > 52 and < 57 ? 2f : 0f;
            Add(frame * 0.04 * 1000, frame, Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a)));
        }
        var e = Assert.Single(_events);
        Assert.Equal(52 * 0.04 * 1000, e.OnsetMs);
        Assert.Equal(57 * 0.04 * 1000, e.OffsetMs);
        Assert.True(e.OffsetMs - e.OnsetMs > 200, "the timestamps should carry the conversion's error this test is about");
        Assert.Equal(EventKind.Micro, e.Kind);
    }

    [Fact]
    public void ALongerExpressionIsMacro()
    {
        Run(30, 5000, t =>
        {
            var a = Ramp(t, 1500, 2700, 3f);
            return Aus((ActionUnit.AU01, a), (ActionUnit.AU02, a), (ActionUnit.AU05, a * 0.8f), (ActionUnit.AU26, a));
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Macro, e.Kind);
        Assert.Equal(Emotion.Surprise, e.Emotion);
    }

    [Fact]
    public void AMacroExpressionIsTimedAlongItsSlopesAndAMicroOneByItsFeet()
    {
        // A smile rising for 600 ms and falling for 600 ms, straight, then a 150 ms one: the walk down to the rest level
        // starts the slow one about 50 ms late; along its slopes it starts where it does.
        Run(100, 6000, t =>
        {
            var slow = t is > 1000 and < 2200 ? (float)(3 * (1 - Math.Abs(t - 1600) / 600)) : 0;
            var a = slow + Ramp(t, 4000, 4150, 2f);
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a));
        });
        Assert.Equal(2, _events.Count);
        var (macro, micro) = (_events[0], _events[1]);
        Assert.Equal(EventKind.Macro, macro.Kind);
        Assert.InRange(macro.OnsetMs, 990, 1010);
        // Its fall too, along its slope (which meets zero at 2200 ms), as far as the samples seen when it was
        // flagged reach; the walk down to rest ends it about 100 ms early, within 20 ms of where it drops to a fifth
        // of its apex.
        Assert.InRange(macro.OffsetMs, 2120, macro.FlaggedAtMs);
        Assert.Equal(EventKind.Micro, micro.Kind);
        Assert.InRange(micro.OnsetMs, 3990, 4010);
        Assert.InRange(micro.OffsetMs, 4140, 4160);
        // Each time's frame, numbered from 1 as the frames CSV numbers them (a sample every 10 ms from frame 0 at 0).
        foreach (var e in _events)
            Assert.Equal((e.OnsetMs / 10 + 1, e.ApexMs / 10 + 1, e.OffsetMs / 10 + 1),
                ((double)e.OnsetFrame, (double)e.ApexFrame, (double)e.OffsetFrame));
    }

    [Theory]
    // Up for 25 ms: 30 ms from foot to foot, 35 with a frame's uncertainty, under the 40 ms minimum. Up for 30 ms: 35 ms,
    // a frame short of the minimum, which onsets and offsets known only to a frame allow.
    [InlineData(25, false)]
    [InlineData(30, true)]
    public void AMovementBrieferThanAMicroExpressionIsListedNotReported(double upMs, bool reported)
    {
        Run(200, 4000, t =>
        {
            // A step up and down: its feet are the last sample at rest before it and the first after.
            var a = t is >= 2000 && t < 2000 + upMs ? 2f : 0f;
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU12L, a), (ActionUnit.AU12R, a));
        });
        Assert.Equal(reported ? 1 : 0, _events.Count);
        var brief = _output.Unreported.Where(u => u.Reason == NotReportedReason.ShorterThanMicroMin).ToList();
        Assert.Equal(reported ? 0 : 1, brief.Count);
        Assert.All(brief, u => Assert.Equal(30, u.DurationMs));
    }

    [Fact]
    public void ALaughOfEightSecondsIsOneMacroExpressionWithItsDuration()
    {
        Run(25, 16000, t =>
        {
            // Up in 0.4 s, held (with the wobble of a real laugh) until 10 s, down in 0.4 s.
            var a = t < 2000 || t > 10400 ? 0f : (float)(Math.Min(1, Math.Min(t - 2000, 10400 - t) / 400) * (2.5 + 0.3 * Math.Sin(t / 130)));
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a), (ActionUnit.AU25, a * 0.6f));
        });
        var e = Assert.Single(_events);
        Assert.Equal(EventKind.Macro, e.Kind);
        Assert.Equal(Emotion.Happiness, e.Emotion);
        Assert.False(e.Truncated);
        Assert.InRange(e.DurationMs, 7800, 8600);
    }

    [Fact]
    public void AChangeHeldLongerThanTheLongestDisplayIsANewRestingFace()
    {
        Run(25, 30000, t =>
        {
            var a = t < 2000 ? 0f : 2.5f; // from 2 s on, for good
            return Aus((ActionUnit.AU06, a * 0.8f), (ActionUnit.AU12, a));
        });
        Assert.Empty(_events);
    }
}
