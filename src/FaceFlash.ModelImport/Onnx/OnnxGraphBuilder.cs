using Google.Protobuf;
using Onnx;

namespace FaceFlash.ModelImport.Onnx;

/// <summary>Appends nodes, initializers, inputs and outputs to an ONNX graph in call order, so the same calls give the same bytes.</summary>
public sealed class OnnxGraphBuilder(string graphName)
{
    public const string BatchDim = "batch";
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public GraphProto Graph { get; } = new() { Name = graphName };

    public string AddFloatInitializer(string name, IReadOnlyList<long> dims, float[] values)
    {
        var tensor = NewTensor(name, dims, TensorProto.Types.DataType.Float);
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        tensor.RawData = ByteString.CopyFrom(bytes);
        Graph.Initializer.Add(tensor);
        return name;
    }

    public string AddInt64Initializer(string name, IReadOnlyList<long> dims, long[] values)
    {
        var tensor = NewTensor(name, dims, TensorProto.Types.DataType.Int64);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return name;
    }

    public string AddNode(string op, IReadOnlyList<string> inputs, string output, params AttributeProto[] attributes)
    {
        Claim(output);
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public void AddInput(string name, IReadOnlyList<long> shape) => Graph.Input.Add(FloatValueInfo(name, shape));

    public void AddOutput(string name, IReadOnlyList<long> shape) => Graph.Output.Add(FloatValueInfo(name, shape));

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private TensorProto NewTensor(string name, IReadOnlyList<long> dims, TensorProto.Types.DataType type)
    {
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private void Claim(string name)
    {
        if (!_names.Add(name)) throw new ImportException($"tensor name '{name}' is used twice");
    }

    private static ValueInfoProto FloatValueInfo(string name, IReadOnlyList<long> shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var d in shape)
            tensorShape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = BatchDim } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape },
            },
        };
    }
}
