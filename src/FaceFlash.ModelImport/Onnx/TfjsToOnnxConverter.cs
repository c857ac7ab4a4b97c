using FaceFlash.ModelImport.Tfjs;
using Onnx;
using static FaceFlash.ModelImport.Onnx.OnnxGraphBuilder;

namespace FaceFlash.ModelImport.Onnx;

/// <summary>
/// Converts a TF.js graph model into an ONNX graph (opset 13). The graph input stays NHWC as upstream; one Transpose
/// moves it to NCHW for the convolutions, and outputs are returned in TF layout.
/// </summary>
public sealed class TfjsToOnnxConverter
{
    public const int Opset = 13;

    private readonly TfjsGraphModel _model;
    private readonly OnnxGraphBuilder _graph;
    private readonly Dictionary<string, TfjsNode> _nodes;
    private readonly Dictionary<string, OnnxValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, TensorLayout), OnnxValue> _relayouts = new();

    private TfjsToOnnxConverter(TfjsGraphModel model, string graphName)
    {
        _model = model;
        _graph = new OnnxGraphBuilder(graphName);
        _nodes = model.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>An emitted ONNX tensor with its logical TF shape (-1 = batch) and the layout it is stored in.</summary>
    private sealed record OnnxValue(string Name, long[] TfShape, TensorLayout Layout);

    public static ModelProto Convert(TfjsGraphModel model, string graphName, string docString)
    {
        var converter = new TfjsToOnnxConverter(model, graphName);
        converter.ConvertReachable();
        var proto = new ModelProto
        {
            IrVersion = 7,
            ProducerName = "FaceFlash.ModelImport",
            ProducerVersion = "1",
            DocString = docString,
            Graph = converter._graph.Graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return proto;
    }

    private void ConvertReachable()
    {
        foreach (var node in TopologicalOrder()) ConvertNode(node);
        foreach (var (name, tensor) in _model.Outputs)
        {
            var value = InTfLayout(Value(tensor));
            _graph.AddNode("Identity", [value.Name], name);
            _graph.AddOutput(name, value.TfShape);
        }
    }

    /// <summary>Nodes the outputs depend on, each after its inputs (model.json order is not guaranteed).</summary>
    private List<TfjsNode> TopologicalOrder()
    {
        var order = new List<TfjsNode>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = in progress, true = done
        var stack = new Stack<(string Name, bool Expanded)>();
        foreach (var (_, tensor) in _model.Outputs.Reverse()) stack.Push((TfjsNode.Split(tensor).Node, false));
        while (stack.Count > 0)
        {
            var (name, expanded) = stack.Pop();
            if (expanded)
            {
                state[name] = true;
                order.Add(_nodes[name]);
                continue;
            }
            if (state.TryGetValue(name, out var done))
            {
                if (!done) throw new ImportException($"the graph has a cycle through node '{name}'");
                continue;
            }
            if (!_nodes.TryGetValue(name, out var node)) throw new ImportException($"node '{name}' is referenced but not defined");
            state[name] = false;
            stack.Push((name, true));
            foreach (var input in node.Inputs.Reverse())
            {
                var dep = TfjsNode.Split(input).Node;
                if (!state.ContainsKey(dep)) stack.Push((dep, false));
            }
        }
        return order;
    }

    private void ConvertNode(TfjsNode node)
    {
        switch (node.Op)
        {
            case "Const": break; // read on demand by the ops that use it
            case "Placeholder": Placeholder(node); break;
            case "Identity": _values[node.Name] = Value(node.Inputs[0]); break;
            case "_FusedConv2D": FusedConv(node, depthwise: false); break;
            case "FusedDepthwiseConv2dNative": FusedConv(node, depthwise: true); break;
            case "Conv2D": Set(node, Conv(node, node.Name, depthwise: false, bias: null)); break;
            case "DepthwiseConv2dNative": Set(node, Conv(node, node.Name, depthwise: true, bias: null)); break;
            case "AddV2" or "Add": Binary(node, "Add"); break;
            case "Mul": Binary(node, "Mul"); break;
            case "Sub": Binary(node, "Sub"); break;
            case "RealDiv": Binary(node, "Div"); break;
            case "SquaredDifference": SquaredDifference(node); break;
            case "Relu": Unary(node, "Relu"); break;
            case "Sigmoid": Unary(node, "Sigmoid"); break;
            case "Neg": Unary(node, "Neg"); break;
            case "Sqrt": Unary(node, "Sqrt"); break;
            case "Rsqrt": Rsqrt(node); break;
            case "Prelu": Set(node, Prelu(Value(node.Inputs[0]), node.Inputs[1], node.Name)); break;
            case "MaxPool": MaxPool(node); break;
            case "Pad": Pad(node); break;
            case "Reshape": Reshape(node); break;
            case "ConcatV2": Concat(node); break;
            case "Mean": Reduce(node, "ReduceMean"); break;
            case "Sum": Reduce(node, "ReduceSum"); break;
            case "Transpose": Transpose(node); break;
            case "StridedSlice": StridedSlice(node); break;
            case "Softmax": Softmax(node); break;
            default: throw new ImportException($"unsupported op '{node.Op}' at node '{node.Name}'");
        }
    }

    private void Set(TfjsNode node, OnnxValue value) => _values[node.Name] = value;

    private OnnxValue Value(string tensor)
    {
        var (name, index) = TfjsNode.Split(tensor);
        if (index != 0) throw new ImportException($"output {index} of node '{name}' is used, but only single-output ops are supported");
        return _values.TryGetValue(name, out var v) ? v : throw new ImportException($"node '{name}' ({_nodes[name].Op}) is used as an activation but produced none");
    }

    private TfjsTensor Constant(string tensor)
    {
        var name = TfjsNode.Split(tensor).Node;
        if (_nodes.TryGetValue(name, out var node) && node.Op != "Const")
            throw new ImportException($"node '{name}' ({node.Op}) is used as a constant but is computed");
        return _model.Weights.TryGetValue(name, out var t) ? t : throw new ImportException($"constant '{name}' has no weights");
    }

    private void Placeholder(TfjsNode node)
    {
        var shape = node.HasAttr("shape")
            ? ShapeAttr(node)
            : throw new ImportException($"input '{node.Name}' has no static shape");
        _graph.AddInput(node.Name, shape);
        _values[node.Name] = new OnnxValue(node.Name, shape, TensorLayout.AsTf);
    }

    private static long[] ShapeAttr(TfjsNode node) =>
        node.Attributes.GetProperty("shape").GetProperty("shape").GetProperty("dim").EnumerateArray()
            .Select(d => long.Parse(d.GetProperty("size").GetString()!)).ToArray();

    // ---- layout ----------------------------------------------------------------------------------------------

    private OnnxValue InChannelsFirst(OnnxValue v) => Relayout(v, TensorLayout.ChannelsFirst);

    private OnnxValue InTfLayout(OnnxValue v) => Relayout(v, TensorLayout.AsTf);

    private OnnxValue Relayout(OnnxValue v, TensorLayout target)
    {
        if (v.Layout == target) return v;
        if (v.TfShape.Length != 4) throw new ImportException($"tensor '{v.Name}' has rank {v.TfShape.Length}; only 4-D tensors change layout");
        if (_relayouts.TryGetValue((v.Name, target), out var cached)) return cached;
        var perm = target == TensorLayout.ChannelsFirst ? Layouts.ToChannelsFirst : Layouts.ToChannelsLast;
        var name = _graph.AddNode("Transpose", [v.Name], $"{v.Name}/{(target == TensorLayout.ChannelsFirst ? "nchw" : "nhwc")}",
            Ints("perm", perm.Select(p => (long)p).ToArray()));
        return _relayouts[(v.Name, target)] = v with { Name = name, Layout = target };
    }

    /// <summary>Channels-first when every 4-D operand can be; convolution outputs stay that way until something needs TF order.</summary>
    private static bool PreferChannelsFirst(IEnumerable<OnnxValue> values) =>
        values.All(v => v.TfShape.Length == 4) && values.Any(v => v.Layout == TensorLayout.ChannelsFirst);

    // ---- convolution and pooling -----------------------------------------------------------------------------

    private void FusedConv(TfjsNode node, bool depthwise)
    {
        var ops = node.StringListAttr("fused_ops");
        var activation = ops switch
        {
            ["BiasAdd"] => null,
            ["BiasAdd", var act] when act is "Relu" or "Prelu" or "Relu6" => act,
            _ => throw new ImportException($"unsupported fused ops [{string.Join(", ", ops)}] at node '{node.Name}' ({node.Op})"),
        };
        var conv = Conv(node, activation is null ? node.Name : node.Name + "/conv", depthwise, bias: node.Inputs[2]);
        Set(node, activation switch
        {
            null => conv,
            "Relu" => conv with { Name = _graph.AddNode("Relu", [conv.Name], node.Name) },
            "Relu6" => conv with { Name = _graph.AddNode("Clip", [conv.Name, Scalar(node.Name + "/min", 0), Scalar(node.Name + "/max", 6)], node.Name) },
            _ => Prelu(conv, node.Inputs[3], node.Name),
        });
    }

    private string Scalar(string name, float value) => _graph.AddFloatInitializer(name, [], [value]);

    private OnnxValue Conv(TfjsNode node, string output, bool depthwise, string? bias)
    {
        var x = InChannelsFirst(Value(node.Inputs[0]));
        var filter = Constant(node.Inputs[1]);
        if (filter.Shape.Length != 4) throw new ImportException($"node '{node.Name}': filter has rank {filter.Shape.Length}");
        RequireNhwc(node);
        var (kh, kw, cin, cout) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        var inChannels = x.TfShape[3];

        float[] weights;
        long[] weightShape;
        long group;
        if (depthwise)
        {
            // TF [kh, kw, C, multiplier] → ONNX [C * multiplier, 1, kh, kw] with one group per input channel;
            // output channel c * multiplier + m in both.
            weights = Layouts.Transpose(filter.Floats, filter.Shape, [2, 3, 0, 1]);
            weightShape = [cin * cout, 1, kh, kw];
            group = cin;
            cout = cin * cout;
        }
        else
        {
            weights = Layouts.Transpose(filter.Floats, filter.Shape, [3, 2, 0, 1]); // HWIO → OIHW
            weightShape = [cout, cin, kh, kw];
            group = 1;
        }
        if (cin != inChannels) throw new ImportException($"node '{node.Name}': filter expects {cin} channels, input has {inChannels}");

        var strides = node.IntListAttr("strides");
        var dilations = node.HasAttr("dilations") ? node.IntListAttr("dilations") : [1, 1, 1, 1];
        var padding = node.StringAttr("padding");
        var (outH, padTop, padBottom) = Window(node, x.TfShape[1], kh, strides[1], dilations[1], padding);
        var (outW, padLeft, padRight) = Window(node, x.TfShape[2], kw, strides[2], dilations[2], padding);

        var inputs = new List<string> { x.Name, _graph.AddFloatInitializer(output + "/weights", weightShape, weights) };
        if (bias is not null)
        {
            var b = Constant(bias).Floats;
            if (b.Length != cout) throw new ImportException($"node '{node.Name}': bias has {b.Length} values for {cout} channels");
            inputs.Add(_graph.AddFloatInitializer(output + "/bias", [cout], b));
        }
        _graph.AddNode("Conv", inputs, output,
            Ints("kernel_shape", kh, kw), Ints("strides", strides[1], strides[2]), Ints("dilations", dilations[1], dilations[2]),
            Ints("pads", padTop, padLeft, padBottom, padRight), Int("group", group));
        return new OnnxValue(output, [x.TfShape[0], outH, outW, cout], TensorLayout.ChannelsFirst);
    }

    private void MaxPool(TfjsNode node)
    {
        RequireNhwc(node);
        var x = InChannelsFirst(Value(node.Inputs[0]));
        var k = node.IntListAttr("ksize");
        var s = node.IntListAttr("strides");
        var padding = node.StringAttr("padding");
        var (outH, top, bottom) = Window(node, x.TfShape[1], k[1], s[1], 1, padding);
        var (outW, left, right) = Window(node, x.TfShape[2], k[2], s[2], 1, padding);
        // ONNX MaxPool ignores padded cells, as TF's SAME pooling does.
        _graph.AddNode("MaxPool", [x.Name], node.Name,
            Ints("kernel_shape", k[1], k[2]), Ints("strides", s[1], s[2]), Ints("pads", top, left, bottom, right));
        Set(node, new OnnxValue(node.Name, [x.TfShape[0], outH, outW, x.TfShape[3]], TensorLayout.ChannelsFirst));
    }

    /// <summary>
    /// Output size and padding of one spatial axis. TF's SAME pads the odd cell at the end (bottom/right), which
    /// explicit ONNX pads reproduce exactly.
    /// </summary>
    public static (long Out, long PadBegin, long PadEnd) Window(TfjsNode node, long input, long kernel, long stride, long dilation, string padding)
    {
        var effective = (kernel - 1) * dilation + 1;
        switch (padding)
        {
            case "VALID":
                return ((input - effective) / stride + 1, 0, 0);
            case "SAME":
                var output = (input + stride - 1) / stride;
                var total = Math.Max((output - 1) * stride + effective - input, 0);
                return (output, total / 2, total - total / 2);
            default:
                throw new ImportException($"unsupported padding '{padding}' at node '{node.Name}' ({node.Op})");
        }
    }

    private static void RequireNhwc(TfjsNode node)
    {
        if (node.HasAttr("data_format") && node.StringAttr("data_format") != "NHWC")
            throw new ImportException($"node '{node.Name}' ({node.Op}) uses data_format {node.StringAttr("data_format")}; only NHWC is supported");
    }

    // ---- element-wise ----------------------------------------------------------------------------------------

    private void Unary(TfjsNode node, string op)
    {
        var x = Value(node.Inputs[0]);
        Set(node, x with { Name = _graph.AddNode(op, [x.Name], node.Name) });
    }

    private OnnxValue Prelu(OnnxValue x, string alphaTensor, string output)
    {
        var slope = BroadcastConstant(Constant(alphaTensor), x, output + "/alpha");
        return x with { Name = _graph.AddNode("PRelu", [x.Name, slope], output) };
    }

    private void Binary(TfjsNode node, string op) => Set(node, BinaryValue(node, op, node.Name));

    private void SquaredDifference(TfjsNode node)
    {
        var difference = BinaryValue(node, "Sub", node.Name + "/difference");
        Set(node, difference with { Name = _graph.AddNode("Mul", [difference.Name, difference.Name], node.Name) });
    }

    private void Rsqrt(TfjsNode node)
    {
        var x = Value(node.Inputs[0]);
        var root = _graph.AddNode("Sqrt", [x.Name], node.Name + "/sqrt");
        Set(node, x with { Name = _graph.AddNode("Reciprocal", [root], node.Name) });
    }

    private OnnxValue BinaryValue(TfjsNode node, string op, string output)
    {
        var operands = node.Inputs.Select(i => IsConstant(i) ? null : Value(i)).ToArray();
        var activations = operands.OfType<OnnxValue>().ToArray();
        if (activations.Length == 0) throw new ImportException($"node '{node.Name}' ({node.Op}) has only constant inputs");
        var layout = PreferChannelsFirst(activations) ? TensorLayout.ChannelsFirst : TensorLayout.AsTf;
        var reference = Relayout(activations[0], layout);
        var names = node.Inputs.Select((input, i) => operands[i] is { } v
            ? Relayout(v, layout).Name
            : BroadcastConstant(Constant(input), reference, $"{node.Name}/const{i}")).ToArray();
        var shape = activations.Select(a => a.TfShape).Aggregate(BroadcastShape);
        return new OnnxValue(_graph.AddNode(op, names, output), shape, layout);
    }

    private bool IsConstant(string tensor) => _nodes[TfjsNode.Split(tensor).Node].Op == "Const";

    private static long[] BroadcastShape(long[] a, long[] b)
    {
        if (a.Length != b.Length) throw new ImportException($"cannot broadcast shapes [{string.Join(",", a)}] and [{string.Join(",", b)}]");
        return a.Zip(b, (x, y) => x == 1 ? y : x).ToArray();
    }

    /// <summary>A constant that broadcasts against <paramref name="like"/> in TF, stored so it broadcasts the same way in ONNX.</summary>
    private string BroadcastConstant(TfjsTensor constant, OnnxValue like, string name)
    {
        var values = constant.Floats;
        if (like.Layout == TensorLayout.AsTf) return _graph.AddFloatInitializer(name, constant.Shape, values);
        // Right-align to rank 4 (TF broadcasting), then move the channel axis first.
        var padded = Enumerable.Repeat(1L, 4 - constant.Shape.Length).Concat(constant.Shape).ToArray();
        return _graph.AddFloatInitializer(name, Layouts.Permute(padded, Layouts.ToChannelsFirst),
            Layouts.Transpose(values, padded, Layouts.ToChannelsFirst));
    }

    // ---- shape ops -------------------------------------------------------------------------------------------

    private void Pad(TfjsNode node)
    {
        var x = Value(node.Inputs[0]);
        var pads = Constant(node.Inputs[1]).Ints; // [rank, 2] in TF axis order
        var rank = x.TfShape.Length;
        if (pads.Length != 2 * rank) throw new ImportException($"node '{node.Name}': paddings do not match rank {rank}");
        var axes = x.Layout == TensorLayout.ChannelsFirst ? Layouts.ToChannelsFirst : Enumerable.Range(0, rank).ToArray();
        var onnxPads = axes.Select(a => pads[2 * a]).Concat(axes.Select(a => pads[2 * a + 1])).ToArray();
        var padsName = _graph.AddInt64Initializer(node.Name + "/pads", [onnxPads.Length], onnxPads);
        var shape = x.TfShape.Select((d, a) => d < 0 ? d : d + pads[2 * a] + pads[2 * a + 1]).ToArray();
        Set(node, new OnnxValue(_graph.AddNode("Pad", [x.Name, padsName], node.Name, String("mode", "constant")), shape, x.Layout));
    }

    private void Reshape(TfjsNode node)
    {
        var x = InTfLayout(Value(node.Inputs[0]));
        var target = Constant(node.Inputs[1]).Ints;
        var shape = InferReshape(node, x.TfShape, target);
        var shapeName = _graph.AddInt64Initializer(node.Name + "/shape", [target.Length], target);
        Set(node, new OnnxValue(_graph.AddNode("Reshape", [x.Name, shapeName], node.Name), shape, TensorLayout.AsTf));
    }

    /// <summary>The logical result shape; the batch (-1) must stay the leading dimension so shapes stay static.</summary>
    private static long[] InferReshape(TfjsNode node, long[] input, long[] target)
    {
        var perItem = input.Skip(1).Aggregate(1L, (a, b) => a * b);
        var rest = target.Skip(1).ToArray();
        if (input[0] < 0 && target[0] == -1 && rest.All(d => d > 0) && rest.Aggregate(1L, (a, b) => a * b) == perItem)
            return target;
        if (input.All(d => d > 0) && target.Count(d => d == -1) <= 1 && target.All(d => d > 0 || d == -1))
        {
            var total = input.Aggregate(1L, (a, b) => a * b);
            var known = target.Where(d => d > 0).Aggregate(1L, (a, b) => a * b);
            if (total % known == 0 && (target.Contains(-1) || known == total))
                return target.Select(d => d == -1 ? total / known : d).ToArray();
        }
        throw new ImportException($"node '{node.Name}' (Reshape): cannot reshape [{string.Join(",", input)}] to [{string.Join(",", target)}] with a batch dimension");
    }

    private void Concat(TfjsNode node)
    {
        var axis = Constant(node.Inputs[^1]).Ints.Single();
        // A constant part (e.g. a learned extra token) becomes an initializer in TF layout.
        var parts = node.Inputs.Take(node.Inputs.Count - 1).Select((input, i) => IsConstant(input)
            ? new OnnxValue(_graph.AddFloatInitializer($"{node.Name}/part{i}", Constant(input).Shape, Constant(input).Floats), Constant(input).Shape, TensorLayout.AsTf)
            : Value(input)).ToArray();
        var rank = parts[0].TfShape.Length;
        var tfAxis = Layouts.Normalise(axis, rank);
        var layout = PreferChannelsFirst(parts) ? TensorLayout.ChannelsFirst : TensorLayout.AsTf;
        var onnxAxis = layout == TensorLayout.ChannelsFirst ? Layouts.ChannelsFirstAxis(tfAxis) : tfAxis;
        var names = parts.Select(p => Relayout(p, layout).Name).ToArray();
        var shape = parts[0].TfShape.ToArray();
        shape[tfAxis] = parts.Sum(p => p.TfShape[tfAxis]);
        Set(node, new OnnxValue(_graph.AddNode("Concat", names, node.Name, Int("axis", onnxAxis)), shape, layout));
    }

    /// <summary>TF's Mean and Sum. In opset 13 ReduceMean takes its axes as an attribute, ReduceSum as an input.</summary>
    private void Reduce(TfjsNode node, string onnxOp)
    {
        var x = Value(node.Inputs[0]);
        var rank = x.TfShape.Length;
        var tfAxes = Constant(node.Inputs[1]).Ints.Select(a => Layouts.Normalise(a, rank)).Order().ToArray();
        var keepDims = node.BoolAttr("keep_dims", false);
        var kept = Enumerable.Range(0, rank).Where(a => !tfAxes.Contains(a)).ToArray();
        // Reducing a channels-first tensor directly is only right when the kept axes come out in TF order.
        if (x.Layout == TensorLayout.ChannelsFirst && !keepDims)
        {
            var keptInOnnxOrder = Layouts.ToChannelsFirst.Where(a => kept.Contains(a)).ToArray();
            if (!keptInOnnxOrder.SequenceEqual(kept)) x = InTfLayout(x);
        }
        var onnxAxes = x.Layout == TensorLayout.ChannelsFirst ? tfAxes.Select(a => (long)Layouts.ChannelsFirstAxis(a)).Order().ToArray() : tfAxes;
        var shape = keepDims
            ? x.TfShape.Select((d, a) => tfAxes.Contains(a) ? 1 : d).ToArray()
            : kept.Select(a => x.TfShape[a]).ToArray();
        var layout = keepDims ? x.Layout : TensorLayout.AsTf;
        var keep = Int("keepdims", keepDims ? 1 : 0);
        var reduced = onnxOp == "ReduceSum"
            ? _graph.AddNode(onnxOp, [x.Name, _graph.AddInt64Initializer(node.Name + "/axes", [onnxAxes.Length], onnxAxes)], node.Name, keep)
            : _graph.AddNode(onnxOp, [x.Name], node.Name, Ints("axes", onnxAxes), keep);
        Set(node, new OnnxValue(reduced, shape, layout));
    }

    private void Softmax(TfjsNode node)
    {
        var x = InTfLayout(Value(node.Inputs[0]));
        Set(node, x with { Name = _graph.AddNode("Softmax", [x.Name], node.Name, Int("axis", -1)) });
    }

    private void Transpose(TfjsNode node)
    {
        var x = InTfLayout(Value(node.Inputs[0]));
        var perm = Constant(node.Inputs[1]).Ints;
        if (perm.Length != x.TfShape.Length) throw new ImportException($"node '{node.Name}' (Transpose): {perm.Length} axes for rank {x.TfShape.Length}");
        Set(node, new OnnxValue(_graph.AddNode("Transpose", [x.Name], node.Name, Ints("perm", perm)),
            perm.Select(p => x.TfShape[p]).ToArray(), TensorLayout.AsTf));
    }

    /// <summary>
    /// TF's StridedSlice with positive strides and begin, end and shrink-axis masks (no ellipsis or new axes): an ONNX
    /// Slice in TF layout, then a Squeeze of the shrunk axes.
    /// </summary>
    private void StridedSlice(TfjsNode node)
    {
        var x = InTfLayout(Value(node.Inputs[0]));
        var (begin, end, strides) = (Constant(node.Inputs[1]).Ints, Constant(node.Inputs[2]).Ints, Constant(node.Inputs[3]).Ints);
        if (node.IntAttr("ellipsis_mask") != 0 || node.IntAttr("new_axis_mask") != 0)
            throw new ImportException($"node '{node.Name}' (StridedSlice): ellipsis and new-axis masks are not supported");
        var (beginMask, endMask, shrinkMask) = (node.IntAttr("begin_mask"), node.IntAttr("end_mask"), node.IntAttr("shrink_axis_mask"));
        var rank = x.TfShape.Length;
        if (begin.Length != rank || end.Length != rank || strides.Length != rank)
            throw new ImportException($"node '{node.Name}' (StridedSlice): slices {begin.Length} axes of a rank-{rank} tensor");
        var starts = new long[rank];
        var ends = new long[rank];
        var shape = new List<long>();
        var squeezed = new List<long>();
        for (var a = 0; a < rank; a++)
        {
            var size = x.TfShape[a];
            if (strides[a] <= 0) throw new ImportException($"node '{node.Name}' (StridedSlice): stride {strides[a]} is not supported");
            var shrink = (shrinkMask >> a & 1) == 1;
            var from = (beginMask >> a & 1) == 1 && !shrink ? 0 : begin[a];
            long to = shrink ? from + 1 : (endMask >> a & 1) == 1 ? long.MaxValue : end[a];
            if (size < 0 && (from != 0 || to != long.MaxValue))
                throw new ImportException($"node '{node.Name}' (StridedSlice): only whole batch axes can be sliced");
            if (from < 0) from += size;
            if (to < 0) to += size;
            (starts[a], ends[a]) = (from, to);
            var kept = size < 0 ? size : (Math.Min(to, size) - from + strides[a] - 1) / strides[a];
            if (shrink) squeezed.Add(a);
            else shape.Add(kept);
        }
        var axes = Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        var sliced = _graph.AddNode("Slice", [x.Name,
            _graph.AddInt64Initializer(node.Name + "/starts", [rank], starts),
            _graph.AddInt64Initializer(node.Name + "/ends", [rank], ends),
            _graph.AddInt64Initializer(node.Name + "/axes", [rank], axes),
            _graph.AddInt64Initializer(node.Name + "/steps", [rank], strides)], squeezed.Count == 0 ? node.Name : node.Name + "/slice");
        if (squeezed.Count > 0)
            sliced = _graph.AddNode("Squeeze", [sliced, _graph.AddInt64Initializer(node.Name + "/squeeze_axes", [squeezed.Count], squeezed.ToArray())], node.Name);
        Set(node, new OnnxValue(sliced, shape.ToArray(), TensorLayout.AsTf));
    }
}
