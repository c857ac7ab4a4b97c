using System.Text.Json;

namespace FaceFlash.ModelImport.Tfjs;

/// <summary>A TF.js graph model: the node list of its <c>model.json</c> and its decoded weights.</summary>
public sealed class TfjsGraphModel
{
    public required IReadOnlyList<TfjsNode> Nodes { get; init; }
    public required IReadOnlyDictionary<string, TfjsTensor> Weights { get; init; }

    /// <summary>Signature outputs: public name → graph tensor (node name, output index).</summary>
    public required IReadOnlyList<(string Name, string Tensor)> Outputs { get; init; }

    /// <summary>Reads a model from its JSON text and a resolver that returns each weight shard's bytes by relative path.</summary>
    public static TfjsGraphModel Load(string modelJson, Func<string, byte[]> readShard)
    {
        using var doc = JsonDocument.Parse(modelJson);
        var root = doc.RootElement;
        if (!root.TryGetProperty("format", out var format) || format.GetString() != "graph-model")
            throw new ImportException("not a TF.js graph model (format is not 'graph-model')");

        var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray()
            .Select(TfjsNode.Parse).ToList();
        var weights = ReadWeights(root.GetProperty("weightsManifest"), readShard);
        var outputs = ReadSignatureOutputs(root, nodes);
        return new TfjsGraphModel { Nodes = nodes, Weights = weights, Outputs = outputs };
    }

    private static Dictionary<string, TfjsTensor> ReadWeights(JsonElement manifest, Func<string, byte[]> readShard)
    {
        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            // The shards of one group are one byte stream cut into files.
            var data = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => readShard(p.GetString()!)).ToArray();
            var offset = 0;
            foreach (var w in group.GetProperty("weights").EnumerateArray())
            {
                var name = w.GetProperty("name").GetString()!;
                var shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var count = (int)shape.Aggregate(1L, (a, b) => a * b);
                var dtype = w.GetProperty("dtype").GetString()!;
                var storedAs = w.TryGetProperty("quantization", out var q) ? q.GetProperty("dtype").GetString()! : dtype;
                var (tensor, bytes) = Decode(name, dtype, storedAs, shape, count, data.AsSpan(offset));
                weights[name] = tensor;
                offset += bytes;
            }
            if (offset != data.Length)
                throw new ImportException($"weight group decodes to {offset} bytes but its shards hold {data.Length}");
        }
        return weights;
    }

    /// <summary>One weight from its bytes: <paramref name="dtype"/> as used, <paramref name="storedAs"/> as stored (float16 is widened); returns it and the bytes it took.</summary>
    internal static (TfjsTensor, int) Decode(string name, string dtype, string storedAs, long[] shape, int count, ReadOnlySpan<byte> bytes)
    {
        switch (dtype, storedAs)
        {
            case ("float32", "float32"):
            {
                var values = new float[count];
                for (var i = 0; i < count; i++) values[i] = BitConverter.ToSingle(bytes.Slice(4 * i, 4));
                return (TfjsTensor.Float(shape, values), 4 * count);
            }
            case ("float32", "float16"):
            {
                var values = new float[count];
                for (var i = 0; i < count; i++) values[i] = (float)BitConverter.ToHalf(bytes.Slice(2 * i, 2));
                return (TfjsTensor.Float(shape, values), 2 * count);
            }
            case ("int32", "int32"):
            {
                var values = new long[count];
                for (var i = 0; i < count; i++) values[i] = BitConverter.ToInt32(bytes.Slice(4 * i, 4));
                return (TfjsTensor.Int(shape, values), 4 * count);
            }
            default:
                throw new ImportException($"weight '{name}': dtype {dtype} stored as {storedAs} is not supported");
        }
    }

    private static List<(string, string)> ReadSignatureOutputs(JsonElement root, List<TfjsNode> nodes)
    {
        JsonElement signature = default;
        var has = root.TryGetProperty("signature", out signature)
                  || (root.TryGetProperty("userDefinedMetadata", out var meta) && meta.TryGetProperty("signature", out signature));
        if (has && signature.TryGetProperty("outputs", out var outs))
        {
            return outs.EnumerateObject()
                .Select(o => (PublicName(o.Name), o.Value.GetProperty("name").GetString()!))
                .OrderBy(o => o.Item1, StringComparer.Ordinal)
                .ToList();
        }
        // Without a signature, outputs are the nodes nothing else consumes.
        var consumed = nodes.SelectMany(n => n.Inputs).Select(i => TfjsNode.Split(i).Node).ToHashSet();
        return nodes.Where(n => n.Op != "Const" && !consumed.Contains(n.Name))
            .Select(n => (PublicName(n.Name), n.Name)).ToList();
    }

    /// <summary>"Identity:0" → "Identity"; keys such as "output_mesh" stay as they are.</summary>
    private static string PublicName(string name) => name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name;
}

/// <summary>A constant tensor from the weights: float values, or integer values for shapes, axes and paddings.</summary>
public sealed record TfjsTensor(long[] Shape, float[]? FloatValues, long[]? IntValues)
{
    public static TfjsTensor Float(long[] shape, float[] values) => new(shape, values, null);
    public static TfjsTensor Int(long[] shape, long[] values) => new(shape, null, values);

    public float[] Floats => FloatValues ?? throw new ImportException("expected a float constant, found integers");
    public long[] Ints => IntValues ?? throw new ImportException("expected an integer constant, found floats");
}
