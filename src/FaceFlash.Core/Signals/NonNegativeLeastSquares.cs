namespace FaceFlash.Core.Signals;

/// <summary>
/// Solves min ‖A·x − b‖² subject to x ≥ 0 by projected coordinate descent on the normal equations. The AU
/// decomposition is small (a few dozen unknowns), so a fixed number of sweeps converges well and allocates nothing.
/// </summary>
public sealed class NonNegativeLeastSquares
{
    private readonly int _unknowns;
    private readonly double[] _gram;     // AᵀA, row-major
    private readonly double[] _atb;
    private readonly float[] _matrix;    // A, row-major rows × unknowns
    private readonly int _rows;

    public NonNegativeLeastSquares(float[] matrix, int rows, int unknowns)
    {
        if (matrix.Length != rows * unknowns) throw new ArgumentException("matrix size does not match rows × unknowns");
        _matrix = matrix;
        _rows = rows;
        _unknowns = unknowns;
        _gram = new double[unknowns * unknowns];
        _atb = new double[unknowns];
    }

    public int Sweeps { get; init; } = 60;

    /// <summary>Solves for <paramref name="x"/>; rows whose weight is 0 are left out (missing observations).</summary>
    public void Solve(ReadOnlySpan<float> b, ReadOnlySpan<float> rowWeights, Span<float> x)
    {
        Array.Clear(_gram);
        Array.Clear(_atb);
        for (var r = 0; r < _rows; r++)
        {
            var w = rowWeights.IsEmpty ? 1f : rowWeights[r];
            if (w == 0) continue;
            var row = _matrix.AsSpan(r * _unknowns, _unknowns);
            for (var i = 0; i < _unknowns; i++)
            {
                if (row[i] == 0) continue;
                var wi = w * row[i];
                _atb[i] += wi * b[r];
                for (var j = 0; j < _unknowns; j++) _gram[i * _unknowns + j] += wi * row[j];
            }
        }
        x.Clear();
        for (var sweep = 0; sweep < Sweeps; sweep++)
        {
            for (var i = 0; i < _unknowns; i++)
            {
                var diagonal = _gram[i * _unknowns + i];
                if (diagonal <= 1e-12) continue;
                var residual = _atb[i];
                for (var j = 0; j < _unknowns; j++) residual -= _gram[i * _unknowns + j] * x[j];
                x[i] = (float)Math.Max(0, x[i] + residual / diagonal);
            }
        }
    }
}
