namespace FaceFlash.ModelImport.Onnx;

/// <summary>
/// TF graphs are NHWC; ONNX convolutions are NCHW. Every 4-D activation the converter emits is in one of these
/// layouts, and its logical (TF) shape is kept alongside so axes of Reshape, Concat, Mean and Pad can be remapped.
/// </summary>
public enum TensorLayout { AsTf, ChannelsFirst }

public static class Layouts
{
    /// <summary>Permutation that takes an NHWC tensor to NCHW.</summary>
    public static readonly int[] ToChannelsFirst = [0, 3, 1, 2];

    /// <summary>Permutation that takes an NCHW tensor back to NHWC.</summary>
    public static readonly int[] ToChannelsLast = [0, 2, 3, 1];

    /// <summary>Where TF axis <paramref name="tfAxis"/> of a 4-D NHWC tensor lives in its NCHW copy.</summary>
    public static int ChannelsFirstAxis(long tfAxis) => Array.IndexOf(ToChannelsFirst, (int)Normalise(tfAxis, 4));

    public static long Normalise(long axis, int rank) => axis < 0 ? axis + rank : axis;

    /// <summary>Transposes a dense row-major array; used for weights (HWIO → OIHW) and broadcast constants.</summary>
    public static float[] Transpose(float[] data, IReadOnlyList<long> shape, IReadOnlyList<int> perm)
    {
        var rank = shape.Count;
        var outShape = perm.Select(p => shape[p]).ToArray();
        var inStrides = Strides(shape);
        var result = new float[data.Length];
        var index = new long[rank];
        for (var o = 0; o < result.Length; o++)
        {
            long source = 0;
            for (var d = 0; d < rank; d++) source += index[d] * inStrides[perm[d]];
            result[o] = data[source];
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }

    public static long[] Permute(IReadOnlyList<long> shape, IReadOnlyList<int> perm) => perm.Select(p => shape[p]).ToArray();

    private static long[] Strides(IReadOnlyList<long> shape)
    {
        var strides = new long[shape.Count];
        long s = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }
        return strides;
    }
}
