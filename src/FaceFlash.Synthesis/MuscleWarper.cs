using System.Numerics;
using FaceFlash.Core.ActionUnits;
using OpenCvSharp;

namespace FaceFlash.Synthesis;

/// <summary>
/// A second expression generator, written apart from the estimator so that it can test it: muscles pull the dense
/// 468-point face mesh, and the image follows the mesh by a piecewise-affine warp of its triangles. Each AU is one or
/// more muscles, each an insertion on the skin pulled along its line of action (towards its bony origin, from
/// anatomy: zygomaticus major towards the cheekbone, corrugator towards the nasion, the jaw straight down…); the pull
/// falls off with distance from the insertion over a radius of the face, so neighbouring skin moves less. Every event
/// varies at random — the muscles' reach (×0.7–1.4), their line of action (±25°), each side's strength (asymmetry),
/// each AU's share, and the time course (raised cosine, triangle or held plateau) — and a slow lighting drift runs
/// through the clip. With a head turn, the head also turns out of the image plane: the mesh is rotated in depth (yaw
/// and pitch, slow sinusoids) about an axis behind the face, so the face foreshortens as a turning head does. Its deformation model — lines of action towards bony origins, falloff over the mesh, a
/// piecewise-affine warp, random variation — is not the estimator's (<see cref="ActionUnitTemplates"/>), unlike
/// <see cref="FaceWarper"/>, whose blobs copy the templates' points, directions and constants; but both follow FACS,
/// so some insertions sit on landmarks the templates also watch (the mouth corners, the lids).
/// </summary>
public sealed class MuscleWarper : IFaceWarper
{
    /// <summary>One muscle of an AU: insertion points, line of action from landmark A towards B, reach in eye distances.</summary>
    private sealed record Muscle(int[] Insertions, int From, int To, float Reach);

    private readonly record struct Variant(float Reach, float Turn, float RightScale, float LeftScale, float[] AuShare, int Shape);

    private static readonly Dictionary<ActionUnit, (Muscle[] Right, Muscle[] Left)> Muscles = new()
    {
        [ActionUnit.AU01] = Pair(new([107, 66], 107, 108, 0.16f), new([336, 296], 336, 337, 0.16f)),            // frontalis, medial
        [ActionUnit.AU02] = Pair(new([70, 63, 105], 63, 104, 0.17f), new([300, 293, 334], 293, 333, 0.17f)),  // frontalis, lateral
        [ActionUnit.AU04] = Pair(new([107, 66, 55], 66, 168, 0.15f), new([336, 296, 285], 296, 168, 0.15f)),  // corrugator, procerus
        [ActionUnit.AU05] = Pair(new([159, 158, 160], 145, 159, 0.09f), new([386, 385, 387], 374, 386, 0.09f)), // levator palpebrae
        [ActionUnit.AU06] = Pair(new([117, 118, 50], 50, 33, 0.2f), new([346, 347, 280], 280, 263, 0.2f)),    // orbicularis oculi, orbital
        [ActionUnit.AU07] = Pair(new([145, 153, 144], 145, 159, 0.08f), new([374, 380, 373], 374, 386, 0.08f)), // orbicularis, palpebral
        [ActionUnit.AU09] = Pair(new([129, 98, 64], 98, 168, 0.12f), new([358, 327, 294], 327, 168, 0.12f)),   // levator labii alaeque nasi
        [ActionUnit.AU10] = Pair(new([37, 39, 40], 39, 118, 0.11f), new([267, 269, 270], 269, 347, 0.11f)),     // levator labii superioris
        [ActionUnit.AU12] = Pair(new([61, 146], 61, 234, 0.17f), new([291, 375], 291, 454, 0.17f)),            // zygomaticus major
        [ActionUnit.AU14] = Pair(new([61, 78], 61, 13, 0.1f), new([291, 308], 291, 13, 0.1f)),                 // buccinator
        [ActionUnit.AU15] = Pair(new([61, 146], 61, 136, 0.14f), new([291, 375], 291, 365, 0.14f)),            // depressor anguli oris
        [ActionUnit.AU17] = Pair(new([152, 175, 199], 152, 17, 0.14f), new([152, 175, 199], 152, 17, 0.14f)),  // mentalis
        [ActionUnit.AU20] = Pair(new([61, 146], 61, 132, 0.14f), new([291, 375], 291, 361, 0.14f)),           // risorius
        [ActionUnit.AU23] = Pair(new([37, 84, 61], 61, 13, 0.09f), new([267, 314, 291], 291, 13, 0.09f)),      // orbicularis oris
        [ActionUnit.AU25] = Pair(new([14, 17, 84], 14, 152, 0.1f), new([14, 17, 314], 14, 152, 0.1f)),        // depressor labii
        [ActionUnit.AU26] = Pair(new([152, 175, 199, 17, 14, 172, 136], 13, 152, 0.22f),                       // the jaw drops
            new([152, 175, 199, 17, 14, 397, 365], 13, 152, 0.22f)),
        [ActionUnit.AU45] = Pair(new([159, 158, 160, 157, 161], 159, 145, 0.08f), new([386, 385, 387, 384, 388], 386, 374, 0.08f)),
    };

    private static (Muscle[] Right, Muscle[] Left) Pair(Muscle right, Muscle left) => ([right], [left]);

    private readonly ExpressionScript _script;
    private readonly Variant[] _variants;
    private readonly (double Amplitude, double Period, double Phase, double Slope) _light;
    private readonly (double Yaw, double Pitch, double YawPeriod, double PitchPeriod, double Phase) _turn;
    private readonly PiecewiseAffineWarp _warp = new();
    private readonly Vector2[] _shift = new Vector2[Core.Faces.FaceMeshTopology.PointCount];

    public MuscleWarper(ExpressionScript script, int seed, double headTurnDeg = 0)
    {
        _script = script;
        var random = new Random(unchecked(seed * 7919 + 104729)); // apart from the script's own generator, and the same in every process
        _variants = script.Events.Select(e =>
        {
            var (right, left) = (0.6f + 0.4f * random.NextSingle(), 0.6f + 0.4f * random.NextSingle());
            var strongest = Math.Max(right, left);
            return new Variant(0.7f + 0.7f * random.NextSingle(), (random.NextSingle() - 0.5f) * 50 * MathF.PI / 180,
                right / strongest, left / strongest, e.Aus.Select(_ => 0.6f + 0.4f * random.NextSingle()).ToArray(), random.Next(3));
        }).ToArray();
        _light = (0.03 + 0.05 * random.NextDouble(), 4000 + 8000 * random.NextDouble(), 2 * Math.PI * random.NextDouble(), (random.NextDouble() - 0.5) * 0.12);
        // Drawn after everything else, so clips without a turn keep their pixels.
        var turn = headTurnDeg * Math.PI / 180;
        _turn = turn <= 0 ? default
            : ((0.5 + 0.5 * random.NextDouble()) * turn, (0.3 + 0.3 * random.NextDouble()) * turn, 3000 + 5000 * random.NextDouble(),
                4000 + 6000 * random.NextDouble(), 2 * Math.PI * random.NextDouble());
    }

    public bool Warp(Mat source, FaceWarper.Anchors anchors, double ms, float pixelScale, Mat output)
    {
        Array.Clear(_shift);
        var any = false;
        for (var i = 0; i < _script.Events.Count; i++)
        {
            var e = _script.Events[i];
            var u = (ms - e.Truth.OnsetMs) / (e.Truth.OffsetMs - e.Truth.OnsetMs);
            if (u is <= 0 or >= 1) continue;
            var v = _variants[i];
            var envelope = Shape(v.Shape, u);
            for (var a = 0; a < e.Aus.Length; a++)
                Pull(anchors, e.Aus[a], (float)(e.Truth.AmplitudePx / pixelScale * envelope) * v.AuShare[a], v);
            any = true;
        }
        foreach (var b in _script.Blinks)
        {
            var envelope = ScriptTiming.Envelope(ms, b.OnsetMs, b.OffsetMs);
            if (envelope <= 0) continue;
            Pull(anchors, ActionUnit.AU45, (float)(0.85 * anchors.EyeAperture * envelope), new Variant(1, 0, 1, 1, [], 0));
            any = true;
        }
        any |= Turn(anchors, ms);
        if (!any)
        {
            Light(source, ms, output);
            return true;
        }
        _warp.Apply(source, anchors.Landmarks, _shift, output);
        Light(output, ms, output);
        return true;
    }

    /// <summary>
    /// Adds the head's out-of-plane turn at <paramref name="ms"/> to the mesh shift: each point rotated in depth about
    /// an axis one eye distance behind the face's mean depth (about where a head turns), yaw about the vertical, pitch
    /// about the horizontal (positive looks down). False when the clip has no turn.
    /// </summary>
    private bool Turn(FaceWarper.Anchors anchors, double ms)
    {
        if (_turn.Yaw <= 0) return false;
        var yaw = _turn.Yaw * Math.Sin(2 * Math.PI * ms / _turn.YawPeriod + _turn.Phase);
        var pitch = _turn.Pitch * Math.Sin(2 * Math.PI * ms / _turn.PitchPeriod + 2 * _turn.Phase);
        var (points, depth) = (anchors.Landmarks, anchors.Depth);
        var centre = Vector2.Zero;
        var axisDepth = 0f;
        for (var p = 0; p < _shift.Length; p++) (centre, axisDepth) = (centre + points[p], axisDepth + depth[p]);
        centre /= _shift.Length;
        axisDepth = axisDepth / _shift.Length + anchors.EyeDistance;
        var (sy, cy, sp, cp) = ((float)Math.Sin(yaw), (float)Math.Cos(yaw), (float)Math.Sin(pitch), (float)Math.Cos(pitch));
        for (var p = 0; p < _shift.Length; p++)
        {
            var (x, y, z) = (points[p].X - centre.X, points[p].Y - centre.Y, depth[p] - axisDepth);
            var (x1, z1) = (x * cy + z * sy, -x * sy + z * cy);   // yaw
            var y1 = y * cp - z1 * sp;                            // pitch
            _shift[p] += new Vector2(x1 - x, y1 - y);
        }
        return true;
    }

    /// <summary>0 → 1 → 0 over an event, in one of three time courses, always peaking at the middle (the truth's apex).</summary>
    private static double Shape(int shape, double u) => shape switch
    {
        0 => 0.5 - 0.5 * Math.Cos(2 * Math.PI * u),          // raised cosine
        1 => 1 - Math.Abs(2 * u - 1),                          // triangle
        _ => Math.Min(1, 3 * Math.Min(u, 1 - u)),               // quick rise, held, quick fall
    };

    /// <summary>Adds one AU's muscle pulls, at <paramref name="amplitude"/> pixels for the most-moved point, to the mesh shift.</summary>
    private void Pull(FaceWarper.Anchors anchors, ActionUnit au, float amplitude, Variant variant)
    {
        var (right, left) = au switch
        {
            ActionUnit.AU12R => (Muscles[ActionUnit.AU12].Right, []),
            ActionUnit.AU12L => ([], Muscles[ActionUnit.AU12].Left),
            ActionUnit.AU14R => (Muscles[ActionUnit.AU14].Right, []),
            ActionUnit.AU14L => ([], Muscles[ActionUnit.AU14].Left),
            _ => Muscles[au],
        };
        var points = anchors.Landmarks;
        foreach (var (muscles, side, turn) in new[] { (right, variant.RightScale, variant.Turn), (left, variant.LeftScale, -variant.Turn) })
            foreach (var m in muscles)
            {
                var line = Vector2.Normalize(points[m.To] - points[m.From]);
                var direction = Vector2.Transform(line, Matrix3x2.CreateRotation(turn));
                var reach = m.Reach * variant.Reach * anchors.EyeDistance;
                for (var p = 0; p < points.Length && p < _shift.Length; p++)
                {
                    var weight = 0f;
                    foreach (var insertion in m.Insertions)
                    {
                        var d = Vector2.Distance(points[p], points[insertion]) / reach;
                        if (d < 1) weight = MathF.Max(weight, 0.5f + 0.5f * MathF.Cos(MathF.PI * d));
                    }
                    if (weight > 0) _shift[p] += direction * (amplitude * side * weight);
                }
            }
    }

    /// <summary>A slow drift of brightness with a gentle left-to-right slope, as daylight and auto-exposure give.</summary>
    private void Light(Mat image, double ms, Mat output)
    {
        var gain = 1 + _light.Amplitude * Math.Sin(2 * Math.PI * ms / _light.Period + _light.Phase);
        image.ConvertTo(output, -1, gain, 0);
        _warp.Slope(output, _light.Slope * Math.Sin(2 * Math.PI * ms / (_light.Period * 1.7)));
    }

    public void Dispose() => _warp.Dispose();
}
