using FaceFlash.ModelImport.Tfjs;
using static FaceFlash.ModelImport.Tflite.TfAttributes;

namespace FaceFlash.ModelImport.Tflite;

/// <summary>
/// Lowers a TFLite graph to the TensorFlow ops it was converted from (the graph form TF.js files hold), so one
/// converter turns both into ONNX. TFLite's fused activations become separate nodes, its filter layouts become TF's
/// (conv OHWI → HWIO, depthwise 1HW(C·M) → HWCM), float16 constants behind DEQUANTIZE become float32 constants, and
/// tensor names lose their ":0" (the converter reads "name:k" as output k of a node). Nodes the lowering adds are
/// named after the tensor they serve plus '#', which TF names never contain.
/// </summary>
public sealed class TfliteLowering
{
    // BuiltinOperator codes (schema.fbs).
    private const int Add = 0, Concatenation = 2, Conv2D = 3, DepthwiseConv2D = 4, Dequantize = 6, Logistic = 14, MaxPool2D = 17,
        Mul = 18, Relu = 19, Reshape = 22, Pad = 34, Transpose = 39, Mean = 40, Sub = 41, Div = 42, StridedSlice = 45, Prelu = 54,
        Neg = 59, Sum = 74, Sqrt = 75, Rsqrt = 76, SquaredDifference = 99;

    private readonly TfliteModel _model;
    private readonly string[] _names;
    private readonly List<TfjsNode> _nodes = [];
    private readonly Dictionary<string, TfjsTensor> _weights = new(StringComparer.Ordinal);
    private readonly Dictionary<int, TfjsTensor> _constants = [];

    private TfliteLowering(TfliteModel model)
    {
        _model = model;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _names = model.Tensors.Select(t =>
        {
            var name = t.Name.EndsWith(":0", StringComparison.Ordinal) ? t.Name[..^2] : t.Name;
            name = name.Replace(':', '_');
            return seen.Add(name) ? name : $"{name}_{t.Index}";
        }).ToArray();
        // The converter names the ONNX outputs after the upstream tensors, so their inner nodes need other names.
        foreach (var o in model.Outputs) _names[o] += "#value";
    }

    public static TfjsGraphModel Lower(TfliteModel model)
    {
        var lowering = new TfliteLowering(model);
        foreach (var t in model.Tensors.Where(t => t.IsConstant)) lowering.AddConstant(t.Index, Decode(t));
        foreach (var input in model.Inputs)
            lowering._nodes.Add(Node(lowering._names[input], "Placeholder", [], new() { ["shape"] = Shape(model.Tensors[input].Shape) }));
        foreach (var op in model.Operators) lowering.LowerOperator(op);
        return new TfjsGraphModel
        {
            Nodes = lowering._nodes,
            Weights = lowering._weights,
            // The graph's outputs keep their upstream names exactly.
            Outputs = model.Outputs.Select(o => (model.Tensors[o].Name, lowering._names[o])).ToList(),
        };
    }

    private void AddConstant(int tensor, TfjsTensor value)
    {
        _constants[tensor] = value;
        AddConstant(_names[tensor], value);
    }

    private string AddConstant(string name, TfjsTensor value)
    {
        _weights[name] = value;
        _nodes.Add(Node(name, "Const", []));
        return name;
    }

    /// <summary>A constant's values, decoded as TF.js weights are (the same element types, float16 widened).</summary>
    private static TfjsTensor Decode(TfliteTensor t)
    {
        var (dtype, storedAs, size) = t.Type switch
        {
            TfliteType.Float32 => ("float32", "float32", 4),
            TfliteType.Float16 => ("float32", "float16", 2),
            TfliteType.Int32 => ("int32", "int32", 4),
            _ => throw new ImportException($"constant tensor '{t.Name}' has type {t.Type}, which is not supported for constants"),
        };
        return TfjsGraphModel.Decode(t.Name, dtype, storedAs, t.Shape.Select(d => (long)d).ToArray(), t.Data.Length / size, t.Data).Item1;
    }

    private void LowerOperator(TfliteOperator op)
    {
        var output = _names[Single(op, op.Outputs)];
        switch (op.Code)
        {
            case Dequantize:
                // Weights are stored as float16 and expanded at load time: fold them into float32 constants.
                var source = _constants.TryGetValue(op.Inputs[0], out var c) ? c
                    : throw new ImportException($"operator {op.Index} (DEQUANTIZE) reads a computed tensor; only constant weights are supported");
                AddConstant(op.Outputs[0], source);
                break;
            case Conv2D: Convolution(op, output, depthwise: false); break;
            case DepthwiseConv2D: Convolution(op, output, depthwise: true); break;
            case MaxPool2D:
            {
                var o = Options(op);
                Activated(op, output, o.Byte(5), name => Node(name, "MaxPool", [Input(op, 0)], new()
                {
                    ["ksize"] = Ints(1, o.Int(4), o.Int(3), 1),
                    ["strides"] = Ints(1, o.Int(2), o.Int(1), 1),
                    ["padding"] = String(Padding(op, o.Byte(0))),
                }));
                break;
            }
            case Add: Elementwise(op, output, "AddV2"); break;
            case Sub: Elementwise(op, output, "Sub"); break;
            case Mul: Elementwise(op, output, "Mul"); break;
            case Div: Elementwise(op, output, "RealDiv"); break;
            case SquaredDifference: _nodes.Add(Node(output, "SquaredDifference", [Input(op, 0), Input(op, 1)])); break;
            case Prelu: _nodes.Add(Node(output, "Prelu", [Input(op, 0), Input(op, 1)])); break;
            case Relu: _nodes.Add(Node(output, "Relu", [Input(op, 0)])); break;
            case Logistic: _nodes.Add(Node(output, "Sigmoid", [Input(op, 0)])); break;
            case Neg: _nodes.Add(Node(output, "Neg", [Input(op, 0)])); break;
            case Sqrt: _nodes.Add(Node(output, "Sqrt", [Input(op, 0)])); break;
            case Rsqrt: _nodes.Add(Node(output, "Rsqrt", [Input(op, 0)])); break;
            case Pad: _nodes.Add(Node(output, "Pad", [Input(op, 0), Input(op, 1)])); break;
            case Transpose: _nodes.Add(Node(output, "Transpose", [Input(op, 0), Input(op, 1)])); break;
            case Reshape:
            {
                var shape = op.Inputs.Length > 1 && op.Inputs[1] >= 0
                    ? Input(op, 1)
                    : AddConstant(output + "#shape", TfjsTensor.Int([Options(op).Length(0)], Options(op).Ints(0).Select(d => (long)d).ToArray()));
                _nodes.Add(Node(output, "Reshape", [Input(op, 0), shape]));
                break;
            }
            case Concatenation:
            {
                var o = Options(op);
                var axis = AddConstant(output + "#axis", TfjsTensor.Int([], [o.Int(0)]));
                Activated(op, output, o.Byte(1), name => Node(name, "ConcatV2", [.. op.Inputs.Select((_, i) => Input(op, i)), axis]));
                break;
            }
            case Mean: Reduction(op, output, "Mean"); break;
            case Sum: Reduction(op, output, "Sum"); break;
            case StridedSlice:
            {
                var o = Options(op);
                _nodes.Add(Node(output, "StridedSlice", [Input(op, 0), Input(op, 1), Input(op, 2), Input(op, 3)], new()
                {
                    ["begin_mask"] = Int(o.Int(0)),
                    ["end_mask"] = Int(o.Int(1)),
                    ["ellipsis_mask"] = Int(o.Int(2)),
                    ["new_axis_mask"] = Int(o.Int(3)),
                    ["shrink_axis_mask"] = Int(o.Int(4)),
                }));
                break;
            }
            default:
                throw new ImportException($"unsupported TFLite operator code {op.Code} at operator {op.Index} (output '{output}')");
        }
    }

    private void Convolution(TfliteOperator op, string output, bool depthwise)
    {
        var o = Options(op);
        var filter = _constants.TryGetValue(op.Inputs[1], out var f) ? f
            : throw new ImportException($"operator {op.Index}: the filter is not a constant");
        if (filter.Shape.Length != 4) throw new ImportException($"operator {op.Index}: filter has rank {filter.Shape.Length}");
        TfjsTensor tfFilter;
        if (depthwise)
        {
            // [1, H, W, C·M] holds output channel c·M + m last, which is TF's [H, W, C, M] in the same order. The
            // multiplier comes from the shapes: newer converters leave the option's depth_multiplier unset.
            var channels = _model.Tensors[op.Inputs[0]].Shape[^1];
            tfFilter = filter with { Shape = [filter.Shape[1], filter.Shape[2], channels, filter.Shape[3] / channels] };
        }
        else
        {
            tfFilter = TfjsTensor.Float(
                [filter.Shape[1], filter.Shape[2], filter.Shape[3], filter.Shape[0]],
                Onnx.Layouts.Transpose(filter.Floats, filter.Shape, [1, 2, 3, 0])); // OHWI → HWIO
        }
        var filterName = AddConstant(output + "#filter", tfFilter);
        var (strideW, strideH, activationField, dilationW, dilationH) = depthwise ? (o.Int(1), o.Int(2), 4, o.Int(5, 1), o.Int(6, 1)) : (o.Int(1), o.Int(2), 3, o.Int(4, 1), o.Int(5, 1));
        var attributes = new Dictionary<string, object>
        {
            ["strides"] = Ints(1, strideH, strideW, 1),
            ["dilations"] = Ints(1, dilationH, dilationW, 1),
            ["padding"] = String(Padding(op, o.Byte(0))),
        };
        var hasBias = op.Inputs.Length > 2 && op.Inputs[2] >= 0;
        var activation = o.Byte(activationField);
        if (hasBias && activation is ActivationNone or ActivationRelu or ActivationRelu6)
        {
            attributes["fused_ops"] = activation == ActivationNone ? Strings("BiasAdd") : Strings("BiasAdd", activation == ActivationRelu ? "Relu" : "Relu6");
            _nodes.Add(Node(output, depthwise ? "FusedDepthwiseConv2dNative" : "_FusedConv2D", [Input(op, 0), filterName, Input(op, 2)], attributes));
            return;
        }
        if (hasBias) throw new ImportException($"operator {op.Index}: fused activation {activation} is not supported");
        Activated(op, output, activation, name => Node(name, depthwise ? "DepthwiseConv2dNative" : "Conv2D", [Input(op, 0), filterName], attributes));
    }

    private void Elementwise(TfliteOperator op, string output, string tfOp) =>
        Activated(op, output, op.Options?.Byte(0) ?? ActivationNone, name => Node(name, tfOp, [Input(op, 0), Input(op, 1)]));

    private void Reduction(TfliteOperator op, string output, string tfOp) =>
        _nodes.Add(Node(output, tfOp, [Input(op, 0), Input(op, 1)], new() { ["keep_dims"] = Bool(Options(op).Bool(0)) }));

    private const byte ActivationNone = 0, ActivationRelu = 1, ActivationRelu6 = 3;

    /// <summary>Adds the op, followed by its fused activation as a node of its own when it has one.</summary>
    private void Activated(TfliteOperator op, string output, byte activation, Func<string, TfjsNode> make)
    {
        switch (activation)
        {
            case ActivationNone: _nodes.Add(make(output)); break;
            case ActivationRelu:
                _nodes.Add(make(output + "#linear"));
                _nodes.Add(Node(output, "Relu", [output + "#linear"]));
                break;
            default: throw new ImportException($"operator {op.Index}: fused activation {activation} is not supported");
        }
    }

    private string Input(TfliteOperator op, int i) =>
        i < op.Inputs.Length && op.Inputs[i] >= 0 ? _names[op.Inputs[i]] : throw new ImportException($"operator {op.Index} lacks input {i}");

    private static FlatTable Options(TfliteOperator op) =>
        op.Options ?? throw new ImportException($"operator {op.Index} (code {op.Code}) has no options");

    private static string Padding(TfliteOperator op, byte padding) => padding switch
    {
        0 => "SAME",
        1 => "VALID",
        _ => throw new ImportException($"operator {op.Index}: padding {padding} is not supported"),
    };

    private static int Single(TfliteOperator op, int[] outputs) =>
        outputs.Length == 1 ? outputs[0] : throw new ImportException($"operator {op.Index} has {outputs.Length} outputs; one is supported");
}
