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
/// Blinks (AU45) are reported separately; eyelid-only movements, head rotation and movements that match no emotion
/// prototype (speech, fidgeting) are not reported as expressions.
/// </summary>
public sealed class ExpressionSegmenter
{
    /// <param name="GatherBeforeMs">as the first of a group, the pulse gathers only pulses that started before this
    /// (<see cref="_heldAcrossMs"/>)</param>
    private readonly record struct AuPulse(ActionUnit Au, Pulse Pulse, bool Truncated = false, double GatherBeforeMs = double.PositiveInfinity);

    private readonly int _faceId;
    private readonly SegmenterOptions _options;
    private readonly EmotionLabeler _labeler;
    private readonly IReadOnlyList<string> _classifierLabels;
    private readonly PulseDetector _blink;
    private readonly AuActivity _activity;
    private readonly SpeechActivity _speech;

    /// <summary>One detector per AU (null for the blink, which has its own).</summary>
    private readonly PulseDetector?[] _pulses = new PulseDetector?[ActionUnitInfo.Count];
    private readonly bool[] _moving = new bool[ActionUnitInfo.Count];
    private readonly bool[] _sustained = new bool[ActionUnitInfo.Count];

    /// <summary>Per AU, the classifier's view at the apex of its pulse in progress.</summary>
    private readonly float[][] _apexClassifier;
    private readonly bool[] _apexClassified = new bool[ActionUnitInfo.Count];

    /// <summary>The classifier's view of this face while nothing moves, which its view at an apex is compared with.</summary>
    private readonly ClassifierRest _classifierRest;

    /// <summary>Per AU, every AU's rise above its level at the apex of that AU's pulse in progress (for one-sidedness).</summary>
    private readonly float[][] _riseAtApex = ActionUnitInfo.All.Select(_ => new float[ActionUnitInfo.Count]).ToArray();

    /// <summary>Per AU, every AU's rise above its level when that AU's pulse in progress started.</summary>
    private readonly float[][] _riseAtStart = ActionUnitInfo.All.Select(_ => new float[ActionUnitInfo.Count]).ToArray();

    /// <summary>Per AU, each of <see cref="SidedAus"/>' rise summed over that AU's pulse in progress (for one-sidedness).</summary>
    private readonly float[][] _sidedRiseSum = ActionUnitInfo.All.Select(_ => new float[SidedAus.Length]).ToArray();
    private readonly List<AuPulse> _ended = [];
    private readonly List<AuPulse> _group = [];
    private readonly float[] _apex = new float[ActionUnitInfo.Count];

    /// <summary>The apex with each AU weighed against its reach: what the emotion is judged from (<see cref="WeighApexByReach"/>).</summary>
    private readonly float[] _weighed = new float[ActionUnitInfo.Count];
    private readonly SampleTrace _trace = new();
    private ActionUnitSet _valid;
    private readonly LookAheadBuffer _lookAhead = new();
    private bool _primed;
    private double _startedMs = double.NaN;

    /// <summary>From when the levels are formed and movements may count.</summary>
    private double _formedAtMs;

    /// <summary>
    /// Per AU, whether its pulse in progress went out with a group already judged — reported, or listed as not
    /// reported (it set off with that group and was not waited for) — so that it is not judged again when it ends.
    /// </summary>
    private readonly bool[] _inJudgedGroup = new bool[ActionUnitInfo.Count];

    /// <summary>
    /// Per AU whose pulse in progress was held from before a group already judged (+∞ for the others): that group's
    /// onset. The pulse, when it ends, gathers only what started before it — what started with the group went out
    /// with it, and a jaw pulse of speech that began before a disgust must not take the disgust's nose and lips into
    /// a group of its own.
    /// </summary>
    private readonly double[] _heldAcrossMs = ActionUnitInfo.All.Select(_ => double.PositiveInfinity).ToArray();

    private double _lastMs;
    private double _frameIntervalMs;

    public ExpressionSegmenter(int faceId, SegmenterOptions options, EmotionLabeler labeler, IReadOnlyList<string> classifierLabels)
    {
        _faceId = faceId;
        _options = options;
        _labeler = labeler;
        _classifierLabels = classifierLabels;
        _apexClassifier = ActionUnitInfo.All.Select(_ => new float[classifierLabels.Count]).ToArray();
        _classifierRest = new ClassifierRest(classifierLabels.Count);
        _activity = new AuActivity(options.LevelWindowMs, options.NoiseMultiple, options.NoiseFloor);
        _speech = new SpeechActivity(options.LevelWindowMs, options.SpeechLipReach, options.SpeechOpenings);
        // Each AU's detector keeps 2048 samples to look back over (4 s of onset at 512 fps): twenty of the default
        // 8192 would hold 3 MB per face.
        foreach (var au in ActionUnitInfo.All)
            if (au != ActionUnit.AU45)
                _pulses[(int)au] = new PulseDetector(options.OnsetThreshold, options.RestLevel, options.RestFraction, options.LongestDisplayMs, options.MaxGapMs,
                    options.OffsetHoldMs, historyCapacity: 2048);
        _blink = new PulseDetector(options.BlinkThreshold, options.RestLevel, options.RestFraction, options.BlinkMaxMs, options.MaxGapMs, options.OffsetHoldMs);
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
            _startedMs = timestampMs;
            _formedAtMs = _primed ? timestampMs : timestampMs + _options.WarmUpMs;
        }
        else if (timestampMs > _lastMs) _frameIntervalMs = timestampMs - _lastMs;
        _lastMs = timestampMs;
        _valid = sample.Valid;
        _activity.Update(timestampMs, intensities, sample.Valid, _moving, _sustained);
        _speech.Add(timestampMs, sample.LipGap);
        // A blink is the lids closing beyond this person's usual aperture, not beyond the reference frame's: eyes that
        // sit narrower all along neither hide every blink (never back at rest) nor make the brows untrustworthy.
        var blinkMeasured = sample.Valid.Contains(ActionUnit.AU45);
        var lidClosure = blinkMeasured ? _activity.Rise[(int)ActionUnit.AU45] : 0;
        if (blinkMeasured && _blink.Add(timestampMs, sample.Frame, lidClosure) is { } b && Durations.AtLeast(b.DurationMs, _options.MicroMinMs))
            output.Blinks.Add(new BlinkEvent(_faceId, b.OnsetMs, b.OffsetMs));
        _trace.Add(timestampMs, sample.Pitch, sample.Yaw, sample.EyesPx, sample.EyeDistancePx, lidClosure, sample.TrackingConfidence);
        var excess = _activity.Excess;
        for (var i = 0; i < _pulses.Length; i++)
        {
            if (_pulses[i] is not { } detector || !sample.Valid.Contains((ActionUnit)i)) continue;
            var ended = detector.Add(timestampMs, sample.Frame, Measure(excess[i], _activity.Rise[i]));
            if (detector.IsActive && !_moving[i])
            {
                _activity.Rise.CopyTo(_riseAtStart[i]);
                Array.Clear(_sidedRiseSum[i]);
            }
            if (detector.IsActive)
                for (var k = 0; k < SidedAus.Length; k++) _sidedRiseSum[i][k] += _activity.Rise[(int)SidedAus[k]];
            _moving[i] = detector.IsActive;
            _sustained[i] = detector.IsActive && Durations.Over(timestampMs - detector.ActiveOnsetMs, _options.MicroMaxMs);
            if (detector.NewApex)
            {
                _activity.Rise.CopyTo(_riseAtApex[i]);
                _apexClassified[i] = !sample.Classifier.IsEmpty;
                if (_apexClassified[i]) sample.Classifier.CopyTo(_apexClassifier[i]);
            }
            else if (detector.IsActive && !_apexClassified[i] && !sample.Classifier.IsEmpty)
            {
                // The classifier may start running a frame after the apex was set; its nearest look is still useful.
                sample.Classifier.CopyTo(_apexClassifier[i]);
                _apexClassified[i] = true;
            }
            if (ended is { } pulse && !_inJudgedGroup[i]) _ended.Add(new AuPulse((ActionUnit)i, pulse, GatherBeforeMs: _heldAcrossMs[i]));
            if (!detector.IsActive) (_inJudgedGroup[i], _heldAcrossMs[i]) = (false, double.PositiveInfinity);
        }
        if (!sample.Classifier.IsEmpty && Array.IndexOf(_moving, true) < 0) _classifierRest.Add(timestampMs, sample.Classifier);
        Report(timestampMs, final: false, output);
    }

    private void Report(double nowMs, bool final, ISegmenterOutput output)
    {
        while (NextGroup(nowMs, final))
            if (Accept(output.Unreported) is { } e) output.Events.Add(e with { FlaggedAtMs = nowMs });
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
    /// come back to rest are reported — but a movement in progress can be neither timed nor compared and is abandoned;
    /// the levels start afresh.
    /// </summary>
    public void Interrupt(ISegmenterOutput output) => Close(cutInProgress: false, output);

    private void Close(bool cutInProgress, ISegmenterOutput output)
    {
        // A face seen for less than the look-ahead is measured over what there is; a reference that lived less long only
        // when it lived as long as live analysis takes to form its levels (shorter ones, between quick retakes, would
        // measure movements against a noise known from a few frames).
        if (_lookAhead.Count > 0 && (cutInProgress || Durations.AtLeast(_lookAhead.SpanMs, _options.WarmUpMs))) Prime(output);
        if (cutInProgress)
            for (var i = 0; i < _pulses.Length; i++)
                if (_pulses[i]?.Cut() is { } cut && !_inJudgedGroup[i]) _ended.Add(new AuPulse((ActionUnit)i, cut.Pulse, cut.Truncated, _heldAcrossMs[i]));
        if (!double.IsNaN(_startedMs)) Report(_lastMs, final: true, output);
        Reset();
    }

    private void Reset()
    {
        _primed = false;
        _lookAhead.Clear();
        foreach (var detector in _pulses) detector?.Abandon();
        _blink.Abandon();
        _activity.Reset();
        _speech.Reset();
        _classifierRest.Reset();
        _trace.Clear();
        _ended.Clear();
        Array.Clear(_inJudgedGroup);
        Array.Fill(_heldAcrossMs, double.PositiveInfinity);
        Array.Clear(_moving);
        Array.Clear(_sustained);
        _startedMs = double.NaN;
        _frameIntervalMs = 0;
    }

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

    private static readonly ActionUnit[] SpeechAus = [ActionUnit.AU25, ActionUnit.AU26];

    /// <summary>The one-sided AUs, each left side followed by its right.</summary>
    private static readonly ActionUnit[] SidedAus = [ActionUnit.AU12L, ActionUnit.AU12R, ActionUnit.AU14L, ActionUnit.AU14R];

    private bool Speaking()
    {
        foreach (var au in SpeechAus)
            if (_activity.Noise(au) >= _options.SpeechNoise) return true;
        return _speech.Talking;
    }

    /// <summary>
    /// While the person talks, the lip corners' rise still joins an expression whose cheeks rose (AU12 with an AU06
    /// pulse, EMFACS's happiness): words pull the lip corners but do not raise the cheeks. On a GRID talker a smile read
    /// AU06 with AU23, its AU12 (1.6, eight times its noise) left out as speech, and matched nothing. (Measured on the
    /// tuning sets: that smile found, nothing else changed. Letting every mouth AU of a prototype join with that
    /// prototype's brow, lid, cheek or nose AU found it too, with a false flag on an untouched GRID clip.)
    /// </summary>
    private bool LipCornersWithTheCheeks(ActionUnit au) => au == ActionUnit.AU12 && _group.Exists(p => p.Au == ActionUnit.AU06);

    /// <summary>
    /// AU45 under which a closing of the lids may be the brows' doing rather than a blink: the lids a third closed (the
    /// motion estimator's full blink, AU45 5, is the aperture 80 % closed).
    /// </summary>
    private const float PartialClosure = 2f;

    /// <summary>
    /// A partial closure of the lids during an expression is the brows' doing when they moved with it: lowering them
    /// (an AU04 pulse) pushes the upper lids down, and the landmarks' lid gap closes as in a blink's start; raising them
    /// (an AU01 or AU02 pulse) read as far or further than the lids closed narrows the gap too — a blink drags the brows
    /// only a little way beside its own closure. Then the brows are trusted. On the tuning sets' overlays an injected
    /// anger, fear and surprise with AU04 1.0–1.7 closed the lids to AU45 1.0–1.9 and were left with the lids or
    /// nothing but the mouth (`eyelid_only`); a blink of a GRID talker (1.75) beside a word, with no AU04 pulse, dragged
    /// the brows into a false surprise when the closure alone decided. (Measured on the tuning sets: real micro
    /// 26/13/94 → 28/13/92, two macro false flags more — an injected fear timed 280 ms — the portraits' blinks and the
    /// untouched videos unchanged; trusting the brows under a closure of 2 or 3 whatever the brows did: 29/14/91, other
    /// micro false flags 6 → 8, untouched 3 → 4, that surprise. The raised brows, from the nineteenth session: a sad
    /// brow on a GRID talker, AU01 1.22 under a closure of 1.07, was zeroed as a blink's; with them real micro 28/13/92
    /// → 29/13/91, the halved speakers 8/0/22 → 9/0/21, nothing else changed, nor did trusting any brow pulse.)
    /// </summary>
    private bool NarrowedByTheBrows(float lidClosure) => lidClosure < PartialClosure && _group.Exists(p =>
        p.Au == ActionUnit.AU04 || (p.Au is (ActionUnit.AU01 or ActionUnit.AU02) && p.Pulse.ApexValue >= lidClosure));

    private bool MouthOnly()
    {
        foreach (var au in ActionUnitInfo.Bilateral)
            if (!ActionUnitInfo.IsMouth(au) && au != ActionUnit.AU45 && _apex[(int)au] >= _options.OnsetThreshold) return false;
        return true;
    }

    /// <summary>
    /// Shares each sided AU's apex reading between the two sides as their rises over the whole of the lead's pulse
    /// share, the stronger side keeping its reading. On small or noisy faces the lip corners flicker from frame to
    /// frame, and the apex frame alone made a movement of both corners one-sided when one side happened to read low
    /// there (an untouched headtrackr clip: AU14 left 1.51 against right 0.11 at the apex, where both had risen over
    /// the frames before). Measured on the tuning sets: one false contempt fewer on the untouched videos, one more on
    /// the blob overlays.
    /// </summary>
    private void BalanceSidesOverThePulse(ActionUnit lead)
    {
        var sums = _sidedRiseSum[(int)lead];
        for (var left = 0; left < SidedAus.Length; left += 2)
        {
            var (l, r) = ((int)SidedAus[left], (int)SidedAus[left + 1]);
            var strongerSum = Math.Max(sums[left], sums[left + 1]);
            if (strongerSum <= 0) continue;
            var strongerApex = Math.Max(_apex[l], _apex[r]);
            _apex[l] = strongerApex * sums[left] / strongerSum;
            _apex[r] = strongerApex * sums[left + 1] / strongerSum;
        }
    }

    /// <summary>
    /// How far <paramref name="au"/> rose at the apex of <paramref name="lead"/>'s pulse: from its level, or, when it
    /// is held in a longer movement that started before this expression (a laugh under a brow flash), from where it
    /// stood when the lead's pulse started — the expression is measured from the display it rides on.
    /// </summary>
    private float RiseWithin(ActionUnit lead, ActionUnit au, double onsetMs)
    {
        var rise = _riseAtApex[(int)lead][(int)au];
        var held = _pulses[(int)au] is { IsActive: true } detector && detector.ActiveSinceMs < onsetMs - _options.GroupOnsetMs;
        return held ? Math.Max(0, rise - _riseAtStart[(int)lead][(int)au]) : rise;
    }

    /// <summary>
    /// <see cref="_apex"/> as the emotion is judged from it: each AU's rise scaled down by how far that AU has recently
    /// gone above its level anyway, beyond <see cref="SegmenterOptions.LabelReach"/> — the mouth in speech counts for
    /// little beside brows that were still. Both sides of a one-sided AU are scaled alike (by the bilateral AU's
    /// reach), so a noisier side does not make a symmetric smile one-sided. (Without it, brow movements made while
    /// talking matched no prototype for the lips' rises beside them; with it, on the tuning clips, blob overlays micro
    /// 5/7/55 → 8/5/52 and muscle overlays 8/15/52 → 10/13/50, at some cost in which emotion is named.)
    /// </summary>
    private void WeighApexByReach()
    {
        for (var i = 0; i < _weighed.Length; i++)
        {
            var reach = _activity.Reach(ActionUnitInfo.BilateralOf((ActionUnit)i));
            _weighed[i] = _apex[i] * Math.Min(1, _options.LabelReach / reach);
        }
    }

    /// <summary>
    /// Whether the group's pulses beyond the mouth (brows, lids, cheeks, nose) span no longer than a micro-expression.
    /// Such a movement is timed by them alone even when the person is not talking, as the speech detector may not
    /// know: the mouth moves for many reasons, and a lip pulse that began within the grouping window before a brow
    /// flash, or ended after it, made a macro-expression of a micro one (on the tuning overlays a 160 ms fear read
    /// 1080–1360 ms from a lip corner's pulse 80 ms ahead of the brows). A longer movement beyond the mouth is a display
    /// the whole face takes part in, and its mouth still times it: timing every expression by the upper face alone
    /// cut the portraits' macro-expressions short (100 fps median duration error 117 → 202 ms). (Measured on the tuning
    /// sets: real micro 28/13/92 → 30/14/90, portrait 33/0/21 → 34/0/20, other 12/6/84 → 14/5/82, macro false flags
    /// 28 → 23, micro durations within one frame interval at 200 fps 6 → 10 of 12, macro timing and the untouched
    /// videos unchanged; leaving out only mouth pulses that began over 60 ms before the upper face: real 30/14/90,
    /// portrait and other unchanged, macro false flags 26, the portraits' macro onsets later.)
    /// </summary>
    private bool BeyondTheMouthBriefly()
    {
        var (onsetMs, offsetMs) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var p in _group)
        {
            if (ActionUnitInfo.IsMouth(p.Au)) continue;
            onsetMs = Math.Min(onsetMs, p.Pulse.OnsetMs);
            offsetMs = Math.Max(offsetMs, p.Pulse.OffsetMs);
        }
        return Durations.AtMost(offsetMs - onsetMs, _options.MicroMaxMs);
    }

    /// <summary>Keeps a candidate that is not reported, with the AUs present at its apex as judged.</summary>
    private ExpressionEvent? Reject(List<UnreportedMovement> unreported, NotReportedReason reason, double onsetMs, double offsetMs)
    {
        unreported.Add(new UnreportedMovement(_faceId, onsetMs, offsetMs, reason, EmotionLabeler.PresentAus(_apex)));
        return null;
    }

    /// <summary>
    /// The AU pulses in <see cref="_group"/> as an expression, or null when they are not reported — then the movement
    /// goes to <paramref name="unreported"/> with why.
    /// </summary>
    private ExpressionEvent? Accept(List<UnreportedMovement> unreported)
    {
        Array.Clear(_apex);
        // While the person talks, a pulse of the lips parting or the jaw dropping beside one of the brows, cheeks or nose
        // is the speech going on: it neither times the expression (which it would stretch into a macro one) nor shapes
        // its label. Nor does any other mouth pulse time it — a word whose lips tighten as a brow flash ends would
        // stretch the flash too — though those still shape the label (fear's lips, anger's pressed lips).
        // When the person is not talking, mouth pulses still do not time a movement of the brows, cheeks or nose as
        // brief as a micro-expression (BeyondTheMouthBriefly).
        var speaking = Speaking();
        var timedByUpperFace = _group.Exists(p => !ActionUnitInfo.IsMouth(p.Au) && !ActionUnitInfo.IsEyelid(p.Au))
            && (speaking || BeyondTheMouthBriefly());
        if (speaking && timedByUpperFace) _group.RemoveAll(p => SpeechAus.Contains(p.Au));
        var timing = timedByUpperFace ? _group.Find(p => !ActionUnitInfo.IsMouth(p.Au)).Pulse : _group[0].Pulse;
        // The apex is the peak of the strongest pulse that times the expression: a word's lip pulse, stronger than the
        // brows beside it, may peak after they came back to rest, outside the expression.
        var (strongest, onset, offset, apex) = (_group[0], timing, timing, timing);
        var truncated = false;
        foreach (var p in _group)
        {
            truncated |= p.Truncated;
            _apex[(int)p.Au] = Math.Max(_apex[(int)p.Au], p.Pulse.ApexValue);
            if (p.Pulse.ApexValue > strongest.Pulse.ApexValue) strongest = p;
            if (timedByUpperFace && ActionUnitInfo.IsMouth(p.Au)) continue;
            if (p.Pulse.ApexValue > apex.ApexValue) apex = p.Pulse;
            if (p.Pulse.OnsetMs < onset.OnsetMs) onset = p.Pulse;
            if (p.Pulse.OffsetMs > offset.OffsetMs) offset = p.Pulse;
        }
        var (onsetMs, offsetMs) = (onset.OnsetMs, offset.OffsetMs);
        // Which side leads is read from both sides' rise at the same moments, not from which side cleared its own noise
        // band: a symmetric smile whose one side is noisier is not contempt.
        foreach (var sided in SidedAus) _apex[(int)sided] = RiseWithin(strongest.Au, sided, onsetMs);
        BalanceSidesOverThePulse(strongest.Au);
        // AUs that moved with the strongest one but too little to clear their own band still shape the expression
        // (a faint lid raise in fear), when they stood out of their noise at its apex — but not the mouth's while the
        // person talks, when its rises are speech, save the lip corners' when the cheeks rose (LipCornersWithTheCheeks).
        foreach (var au in ActionUnitInfo.Bilateral)
        {
            if (au == ActionUnit.AU45 || _apex[(int)au] != 0 || (speaking && ActionUnitInfo.IsMouth(au) && !LipCornersWithTheCheeks(au))) continue;
            var rise = RiseWithin(strongest.Au, au, onsetMs);
            if (rise >= _options.ApexNoiseMultiple * _activity.Noise(au)) _apex[(int)au] = rise;
        }
        if (onsetMs < _formedAtMs) return Reject(unreported, NotReportedReason.BeforeLevelsFormed, onsetMs, offsetMs);
        // Onsets and offsets are known to a frame, so a duration one frame short of the minimum may be the minimum.
        if (Durations.Under(offsetMs - onsetMs + _frameIntervalMs, _options.MicroMinMs))
        {
            return Reject(unreported, NotReportedReason.ShorterThanMicroMin, onsetMs, offsetMs);
        }
        // Over the event and the hold that confirmed its end: a head still turning as the face comes to rest counts.
        var (pitchRange, yawRange, headSpeed, blink, trackingConfidence) = _trace.Over(onsetMs, offsetMs + _options.OffsetHoldMs);
        // A blink drags the lids and, a little, the brows: during one, brow and lid readings are not trusted, and only
        // movement below the eyes can make an expression — unless the lids only narrowed as lowered brows narrow them.
        if (blink >= _options.BlinkThreshold && !NarrowedByTheBrows(blink))
            foreach (var au in ActionUnitInfo.Bilateral)
                if (ActionUnitInfo.IsUpperFace(au)) _apex[(int)au] = 0;
        var beyondEyes = 0f;
        foreach (var au in ActionUnitInfo.Bilateral)
            if (!ActionUnitInfo.IsEyelid(au)) beyondEyes = Math.Max(beyondEyes, _apex[(int)au]);
        if (beyondEyes < _options.OnsetThreshold)
        {
            // Nothing beyond the lids rose — unless one side of the mouth did, within the band of its AU (the stronger
            // side's reading). Letting such a pulse count as its AU was measured: more false flags than expressions.
            return Reject(unreported, _group.Exists(p => SidedAus.Contains(p.Au)) ? NotReportedReason.OneSidedWithinBand : NotReportedReason.EyelidOnly,
                onsetMs, offsetMs);
        }
        if (trackingConfidence < _options.MinTrackingConfidence)
        {
            return Reject(unreported, NotReportedReason.UnclearFace, onsetMs, offsetMs);
        }
        if (pitchRange > _options.MaxHeadPitchRad || yawRange > _options.MaxHeadYawRad || headSpeed > _options.MaxHeadSpeed)
        {
            return Reject(unreported, NotReportedReason.HeadMotion, onsetMs, offsetMs);
        }
        // While the person talks, the mouth moves in ways no AU band fully holds — lip corners pulled in a word look like
        // a brief smile — so a movement of the mouth alone is not told from speech: an expression then needs the brows,
        // lids, cheeks or nose. (Letting a mouth-only movement count when it rose 1.0 above its band made more false
        // flags on the tuning clips than it found expressions.)
        if (speaking && MouthOnly())
        {
            return Reject(unreported, NotReportedReason.Speech, onsetMs, offsetMs);
        }
        WeighApexByReach();
        if (_labeler.RuleScore(_weighed, _valid) < _options.MinRuleScore)
        {
            return Reject(unreported, NotReportedReason.NoEmotionMatch, onsetMs, offsetMs);
        }
        var lead = (int)strongest.Au;
        var label = _labeler.Label(_weighed, _valid, _apexClassified[lead] ? _apexClassifier[lead] : [], _classifierRest.Mean, _classifierLabels);
        if (label.Confidence < _options.MinConfidence)
        {
            return Reject(unreported, NotReportedReason.LowConfidence, onsetMs, offsetMs);
        }
        label = label with { Aus = EmotionLabeler.PresentAus(_apex, label.Emotion) };
        var kind = Durations.AtMost(offsetMs - onsetMs, _options.MicroMaxMs) ? EventKind.Micro : EventKind.Macro;
        return new ExpressionEvent(_faceId, kind, onsetMs, apex.ApexMs, offsetMs, label.Emotion, label.Aus, label.Confidence, 0,
            onset.OnsetFrame + 1, offset.OffsetFrame + 1, truncated);
    }
}
