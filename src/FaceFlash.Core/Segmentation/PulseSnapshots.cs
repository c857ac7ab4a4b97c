using FaceFlash.Core.ActionUnits;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// What each AU's pulse in progress saw of the whole face, kept as the pulse runs so that an expression can be
/// measured once its group is complete: every AU's rise when the pulse started and at its apex, the one-sided AUs'
/// rises summed over it (for which side leads), and the emotion classifier's view at its apex.
/// </summary>
internal sealed class PulseSnapshots(int classifierLabels)
{
    private readonly float[][] _riseAtApex = ActionUnitInfo.All.Select(_ => new float[ActionUnitInfo.Count]).ToArray();
    private readonly float[][] _riseAtStart = ActionUnitInfo.All.Select(_ => new float[ActionUnitInfo.Count]).ToArray();
    private readonly float[][] _sidedRiseSum = ActionUnitInfo.All.Select(_ => new float[ActionUnitInfo.Sided.Length]).ToArray();
    private readonly float[][] _apexClassifier = ActionUnitInfo.All.Select(_ => new float[classifierLabels]).ToArray();
    private readonly bool[] _apexClassified = new bool[ActionUnitInfo.Count];

    /// <summary>
    /// Takes this sample's snapshots for <paramref name="au"/>'s pulse, after its detector has seen the sample.
    /// </summary>
    /// <param name="started">the pulse started with this sample</param>
    /// <param name="rise">every AU's rise above its level in this sample</param>
    /// <param name="classifier">the classifier's probabilities in this sample, empty when it did not run</param>
    public void Take(ActionUnit au, PulseDetector detector, bool started, ReadOnlySpan<float> rise, ReadOnlySpan<float> classifier)
    {
        var i = (int)au;
        if (started)
        {
            rise.CopyTo(_riseAtStart[i]);
            Array.Clear(_sidedRiseSum[i]);
        }
        if (detector.IsActive)
            for (var k = 0; k < ActionUnitInfo.Sided.Length; k++) _sidedRiseSum[i][k] += rise[(int)ActionUnitInfo.Sided[k]];
        if (detector.NewApex)
        {
            rise.CopyTo(_riseAtApex[i]);
            _apexClassified[i] = !classifier.IsEmpty;
            if (_apexClassified[i]) classifier.CopyTo(_apexClassifier[i]);
        }
        else if (detector.IsActive && !_apexClassified[i] && !classifier.IsEmpty)
        {
            // The classifier may start running a frame after the apex was set; its nearest look is still useful.
            classifier.CopyTo(_apexClassifier[i]);
            _apexClassified[i] = true;
        }
    }

    /// <summary>How far <paramref name="au"/> had risen above its level at the apex of <paramref name="lead"/>'s pulse.</summary>
    public float RiseAtApex(ActionUnit lead, ActionUnit au) => _riseAtApex[(int)lead][(int)au];

    /// <summary>How far <paramref name="au"/> had risen above its level when <paramref name="lead"/>'s pulse started.</summary>
    public float RiseAtStart(ActionUnit lead, ActionUnit au) => _riseAtStart[(int)lead][(int)au];

    /// <summary>Each of <see cref="ActionUnitInfo.Sided"/>' rise summed over <paramref name="lead"/>'s pulse.</summary>
    public float[] SidedRiseSums(ActionUnit lead) => _sidedRiseSum[(int)lead];

    /// <summary>The classifier's view at the apex of <paramref name="lead"/>'s pulse; empty when it did not run then.</summary>
    public ReadOnlySpan<float> Classifier(ActionUnit lead) => _apexClassified[(int)lead] ? _apexClassifier[(int)lead] : [];
}
