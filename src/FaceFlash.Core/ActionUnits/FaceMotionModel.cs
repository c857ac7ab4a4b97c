using System.Numerics;
using FaceFlash.Core.Geometry;
using FaceFlash.Core.Signals;

namespace FaceFlash.Core.ActionUnits;

/// <summary>
/// Turns the motion of the tracked face points into action-unit intensities. The points' positions when the face
/// was last seeded are the reference. Each frame, a similarity fitted on the stable points (eye corners, nose bridge)
/// removes rigid head motion; what is left, in the pose-normalised frame, is decomposed into the AU templates by
/// non-negative least squares. Pure maths: the points come from an optical-flow tracker elsewhere.
/// </summary>
public sealed class FaceMotionModel
{
    /// <summary>Intensity per unit of displacement: 1 intensity point per 2 % of the eye-corner distance (≈ 1.8 px on a 200 px face).</summary>
    public const float IntensityPerEyeDistance = 50f;

    private static readonly float[] Design = ActionUnitTemplates.Matrix();
    private static readonly int AnchorCount = FaceRegions.Anchors.Length;
    private static readonly int RightOuter = Array.IndexOf(FaceRegions.Tracked, Faces.FaceMeshTopology.RightEyeOuter);
    private static readonly int LeftOuter = Array.IndexOf(FaceRegions.Tracked, Faces.FaceMeshTopology.LeftEyeOuter);

    private readonly int _points = FaceRegions.Tracked.Length;
    private readonly Vector2[] _reference = new Vector2[FaceRegions.Tracked.Length];
    private readonly Vector2[] _normalised = new Vector2[FaceRegions.Tracked.Length];
    private readonly float[] _displacement = new float[2 * FaceRegions.Tracked.Length];
    private readonly float[] _rowWeights = new float[2 * FaceRegions.Tracked.Length];
    private readonly float[] _weights = new float[ActionUnitTemplates.Fitted.Length];
    private readonly float[] _baseWeights = new float[FaceRegions.Tracked.Length];
    private readonly float[] _fitWeights = new float[FaceRegions.Tracked.Length];

    private const float OtherPointWeight = 0.3f;
    private const int RobustIterations = 4;

    /// <summary>Residual (eye-distance units, ≈ 1 px on a 200 px face) at which a point's weight halves.</summary>
    private const float RobustScale = 0.012f;
    private readonly NonNegativeLeastSquares _solver = new(Design, 2 * FaceRegions.Tracked.Length, ActionUnitTemplates.Fitted.Length);

    public bool IsSeeded { get; private set; }

    /// <summary>Pixels per eye-distance unit at the last seed (for converting tolerances).</summary>
    public float EyeDistancePx { get; private set; }

    /// <summary>Takes these positions (image pixels, in <see cref="FaceRegions.Tracked"/> order) as the neutral reference.</summary>
    public void Seed(ReadOnlySpan<Vector2> points)
    {
        var right = points[RightOuter];
        var left = points[LeftOuter];
        EyeDistancePx = Vector2.Distance(right, left);
        // Origin between the outer eye corners, x along the eye line, unit = their distance.
        var toFace = SimilarityTransform.Fit([right, left], [new Vector2(-0.5f, 0), new Vector2(0.5f, 0)]);
        for (var i = 0; i < _points; i++) _reference[i] = toFace.Apply(points[i]);
        IsSeeded = true;
    }

    /// <summary>
    /// Measures raw (not yet baseline-corrected) intensities of every AU from the current positions. Points whose
    /// <paramref name="valid"/> is false (lost by the tracker) are left out. Returns the fitted rigid transform
    /// (image → pose-normalised face frame).
    /// </summary>
    public SimilarityTransform Measure(ReadOnlySpan<Vector2> points, ReadOnlySpan<bool> valid, Span<float> intensities)
    {
        if (!IsSeeded) throw new InvalidOperationException("seed the motion model first");
        var rigid = FitRigid(points, valid);
        for (var i = 0; i < _points; i++)
        {
            _normalised[i] = rigid.Apply(points[i]);
            var d = _normalised[i] - _reference[i];
            _displacement[2 * i] = d.X;
            _displacement[2 * i + 1] = d.Y;
            _rowWeights[2 * i] = _rowWeights[2 * i + 1] = valid[i] ? 1 : 0;
        }
        _solver.Solve(_displacement, _rowWeights, _weights);
        for (var c = 0; c < _weights.Length; c++)
            intensities[(int)ActionUnitTemplates.Fitted[c]] = Math.Min(_weights[c] * IntensityPerEyeDistance, ActionUnitInfo.MaxIntensity);
        intensities[(int)ActionUnit.AU12] = Math.Max(intensities[(int)ActionUnit.AU12L], intensities[(int)ActionUnit.AU12R]);
        intensities[(int)ActionUnit.AU14] = Math.Max(intensities[(int)ActionUnit.AU14L], intensities[(int)ActionUnit.AU14R]);
        return rigid;
    }

    /// <summary>
    /// Rigid head motion, robustly: a similarity fitted to every tracked point, the stable ones weighted most, then
    /// refitted with Cauchy weights on the residuals so that points an expression moves (brows pulling the glabella,
    /// a cheek raise lifting the eye corners) stop dragging the fit. Most AUs move only part of the face, so the
    /// points that did not move decide.
    /// </summary>
    private SimilarityTransform FitRigid(ReadOnlySpan<Vector2> points, ReadOnlySpan<bool> valid)
    {
        for (var i = 0; i < _points; i++) _baseWeights[i] = valid[i] ? (i < AnchorCount ? 1f : OtherPointWeight) : 0;
        var rigid = SimilarityTransform.Fit(points, _reference, _baseWeights);
        for (var iteration = 0; iteration < RobustIterations; iteration++)
        {
            for (var i = 0; i < _points; i++)
            {
                var r = Vector2.Distance(rigid.Apply(points[i]), _reference[i]) / RobustScale;
                _fitWeights[i] = _baseWeights[i] / (1 + r * r);
            }
            rigid = SimilarityTransform.Fit(points, _reference, _fitWeights);
        }
        return rigid;
    }
}
