namespace FaceFlash.ModelImport.Tflite;

/// <summary>TFLite tensor element types the importer reads (schema enum <c>TensorType</c>).</summary>
public enum TfliteType : sbyte { Float32 = 0, Float16 = 1, Int32 = 2, Int64 = 4 }

/// <summary>One tensor of the graph; <see cref="Data"/> holds its constant bytes, empty for activations.</summary>
public sealed record TfliteTensor(int Index, string Name, int[] Shape, TfliteType Type, byte[] Data)
{
    public bool IsConstant => Data.Length > 0;
}

/// <summary>One operator: its builtin code (schema enum <c>BuiltinOperator</c>), tensor indices (-1 = absent input) and options table.</summary>
public sealed record TfliteOperator(int Index, int Code, int[] Inputs, int[] Outputs, FlatTable? Options);

/// <summary>
/// The first subgraph of a <c>.tflite</c> file (a FlatBuffer, schema version 3): tensors with their constant buffers,
/// operators in execution order, and the graph's inputs and outputs.
/// </summary>
public sealed class TfliteModel
{
    public required IReadOnlyList<TfliteTensor> Tensors { get; init; }
    public required IReadOnlyList<TfliteOperator> Operators { get; init; }
    public required IReadOnlyList<int> Inputs { get; init; }
    public required IReadOnlyList<int> Outputs { get; init; }

    // Field ids in tensorflow/lite/schema/schema.fbs.
    private const int ModelVersion = 0, ModelOperatorCodes = 1, ModelSubgraphs = 2, ModelBuffers = 4;
    private const int SubgraphTensors = 0, SubgraphInputs = 1, SubgraphOutputs = 2, SubgraphOperators = 3;
    private const int TensorShape = 0, TensorTypeField = 1, TensorBuffer = 2, TensorName = 3;
    private const int CodeDeprecatedBuiltin = 0, CodeBuiltin = 3;
    private const int OperatorOpcode = 0, OperatorInputs = 1, OperatorOutputs = 2, OperatorOptions = 4;
    private const int BufferData = 0;

    public static TfliteModel Load(byte[] bytes)
    {
        if (bytes.Length < 8 || bytes[4] != 'T' || bytes[5] != 'F' || bytes[6] != 'L' || bytes[7] != '3')
            throw new ImportException("not a TFLite model (no 'TFL3' identifier)");
        var model = FlatTable.Root(bytes);
        if (model.UInt(ModelVersion) != 3) throw new ImportException($"TFLite schema version {model.UInt(ModelVersion)} is not supported (3 is)");
        if (model.Length(ModelSubgraphs) != 1) throw new ImportException($"the model has {model.Length(ModelSubgraphs)} subgraphs; one is supported");

        var codes = Enumerable.Range(0, model.Length(ModelOperatorCodes)).Select(i =>
        {
            var code = model.TableAt(ModelOperatorCodes, i);
            // Codes above 127 live in the newer int field; older files fill only the byte.
            return Math.Max(code.SByte(CodeDeprecatedBuiltin), code.Int(CodeBuiltin));
        }).ToArray();
        var graph = model.TableAt(ModelSubgraphs, 0);

        var tensors = Enumerable.Range(0, graph.Length(SubgraphTensors)).Select(i =>
        {
            var t = graph.TableAt(SubgraphTensors, i);
            var type = (TfliteType)t.SByte(TensorTypeField);
            if (!Enum.IsDefined(type)) throw new ImportException($"tensor {i} '{t.String(TensorName)}' has TFLite type {(int)type}, which is not supported");
            var buffer = (int)t.UInt(TensorBuffer);
            var data = buffer == 0 ? [] : model.TableAt(ModelBuffers, buffer).Bytes(BufferData);
            return new TfliteTensor(i, t.String(TensorName) ?? $"tensor_{i}", t.Ints(TensorShape), type, data);
        }).ToList();

        var operators = Enumerable.Range(0, graph.Length(SubgraphOperators)).Select(i =>
        {
            var op = graph.TableAt(SubgraphOperators, i);
            return new TfliteOperator(i, codes[op.UInt(OperatorOpcode)], op.Ints(OperatorInputs), op.Ints(OperatorOutputs), op.Table(OperatorOptions));
        }).ToList();

        return new TfliteModel
        {
            Tensors = tensors,
            Operators = operators,
            Inputs = graph.Ints(SubgraphInputs),
            Outputs = graph.Ints(SubgraphOutputs),
        };
    }
}
