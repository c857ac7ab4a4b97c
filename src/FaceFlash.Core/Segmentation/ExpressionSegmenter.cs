using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Signals;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Finds expressions and blinks in one face's time-stamped AU intensities, causally: an event is flagged when its
/// offset sample arrives, so a micro-expression is flagged at most <see cref="SegmenterOptions.MicroFlagBoundMs"/>
/// after its onset. Blinks (AU45) are reported separately; eyelid-only movements, head rotation and movements that
/// match no emotion prototype (speech, fidgeting) are not reported as expressions.
/// </summary>
public sealed class ExpressionSegmenter
{
    private readonly int _faceId;
    private readonly SegmenterOptions _options;
    private readonly EmotionLabeler _labeler;
    private readonly IReadOnlyList<string> _classifierLabels;
    private readonly PulseDetector _expression;
    private readonly PulseDetector _blink;
    private readonly float[] _apex = new float[ActionUnitInfo.Count];

    // The expression signal's own resting floor (its lower quintile over the last seconds): the maximum over many
    // AUs sits above zero and wanders with noise and residual drift; events are measured above it.
    private readonly RunningMedian _floor = new(windowMs: 4000, sampleSpacingMs: 20, percentile: 0.2);
    private readonly float[] _apexClassifier;
    private ActionUnitSet _apexValid;
    private bool _apexClassified;
    private float _minPitch, _maxPitch, _minYaw, _maxYaw;
    private float _eventBlink;
    private double _startedMs = double.NaN;
    private double _lastMs;
    private double _frameIntervalMs;

    public ExpressionSegmenter(int faceId, SegmenterOptions options, EmotionLabeler labeler, IReadOnlyList<string> classifierLabels)
    {
        _faceId = faceId;
        _options = options;
        _labeler = labeler;
        _classifierLabels = classifierLabels;
        _apexClassifier = new float[classifierLabels.Count];
        _expression = new PulseDetector(options.OnsetThreshold, options.RestLevel, options.RestFraction, options.MacroMaxMs, options.MaxGapMs, options.OffsetHoldMs);
        _blink = new PulseDetector(options.BlinkThreshold, options.RestLevel, options.RestFraction, options.BlinkMaxMs, options.MaxGapMs, options.OffsetHoldMs);
    }

    public SegmenterCounts Counts { get; } = new();

    public void Add(in FaceSample sample, List<ExpressionEvent> events, List<BlinkEvent> blinks)
    {
        var timestampMs = sample.TimestampMs;
        var intensities = sample.Intensities;
        if (double.IsNaN(_startedMs)) _startedMs = timestampMs;
        else if (timestampMs > _lastMs) _frameIntervalMs = timestampMs - _lastMs;
        _lastMs = timestampMs;
        var blinkMeasured = sample.Valid.Contains(ActionUnit.AU45);
        if (blinkMeasured && _blink.Add(timestampMs, sample.Frame, intensities[(int)ActionUnit.AU45]) is { } b && b.DurationMs >= _options.MicroMinMs)
            blinks.Add(new BlinkEvent(_faceId, b.OnsetMs, b.OffsetMs));

        var wasActive = _expression.IsActive;
        var ended = _expression.Add(timestampMs, sample.Frame, Math.Max(0, sample.Signal - _floor.Value));
        if (!_expression.IsActive) _floor.Add(timestampMs, sample.Signal);
        var (pitch, yaw) = (sample.Pitch, sample.Yaw);
        if (_expression.IsActive && !wasActive)
        {
            (_minPitch, _maxPitch, _minYaw, _maxYaw) = (pitch, pitch, yaw, yaw);
            _eventBlink = 0;
        }
        if (_expression.IsActive || ended is not null)
        {
            if (blinkMeasured) _eventBlink = Math.Max(_eventBlink, intensities[(int)ActionUnit.AU45]);
            (_minPitch, _maxPitch) = (Math.Min(_minPitch, pitch), Math.Max(_maxPitch, pitch));
            (_minYaw, _maxYaw) = (Math.Min(_minYaw, yaw), Math.Max(_maxYaw, yaw));
        }
        if (_expression.NewApex)
        {
            intensities.CopyTo(_apex);
            _apexValid = sample.Valid;
            _apexClassified = !sample.Classifier.IsEmpty;
            if (_apexClassified) sample.Classifier.CopyTo(_apexClassifier);
        }
        else if (_expression.IsActive && !_apexClassified && !sample.Classifier.IsEmpty)
        {
            // The classifier may start running a frame after the apex was set; its nearest look is still useful.
            sample.Classifier.CopyTo(_apexClassifier);
            _apexClassified = true;
        }
        if (ended is { } pulse && pulse.OnsetMs - _startedMs >= _options.WarmUpMs && Accept(pulse) is { } e)
            events.Add(e with { FlaggedAtMs = timestampMs });
    }

    /// <summary>The face was lost or its neutral reference was reset: an event in progress cannot be timed.</summary>
    public void Interrupt()
    {
        _expression.Abandon();
        _blink.Abandon();
        _floor.Reset();
        _startedMs = double.NaN;
        _frameIntervalMs = 0;
    }

    private ExpressionEvent? Accept(Pulse pulse)
    {
        // Onsets and offsets are known to a frame, so a duration one frame short of the minimum may be the minimum.
        if (pulse.DurationMs + _frameIntervalMs < _options.MicroMinMs)
        {
            Counts.TooShort++;
            return null;
        }
        // A blink drags the lids and, a little, the brows: during one, brow and lid readings are not trusted, and only
        // movement below the eyes can make an expression.
        if (_eventBlink >= ActionUnitInfo.PresenceThreshold)
            foreach (var au in ActionUnitInfo.Bilateral)
                if (ActionUnitInfo.IsUpperFace(au)) _apex[(int)au] = 0;
        var beyondEyes = 0f;
        foreach (var au in ActionUnitInfo.Bilateral)
            if (!ActionUnitInfo.IsEyelid(au)) beyondEyes = Math.Max(beyondEyes, _apex[(int)au]);
        if (beyondEyes < _options.OnsetThreshold)
        {
            Counts.EyelidOnly++;
            return null;
        }
        if (_maxPitch - _minPitch > _options.MaxHeadRotationRad || _maxYaw - _minYaw > _options.MaxHeadRotationRad)
        {
            Counts.HeadMotion++;
            return null;
        }
        if (_labeler.RuleScore(_apex, _apexValid) < _options.MinRuleScore)
        {
            Counts.NoEmotionMatch++;
            return null;
        }
        var label = _labeler.Label(_apex, _apexValid, _apexClassified ? _apexClassifier : [], _classifierLabels);
        if (label.Confidence < _options.MinConfidence)
        {
            Counts.LowConfidence++;
            return null;
        }
        var kind = pulse.DurationMs <= _options.MicroMaxMs ? EventKind.Micro : EventKind.Macro;
        return new ExpressionEvent(_faceId, kind, pulse.OnsetMs, pulse.ApexMs, pulse.OffsetMs, label.Emotion, label.Aus, label.Confidence, 0,
            pulse.OnsetFrame + 1, pulse.OffsetFrame + 1);
    }
}
