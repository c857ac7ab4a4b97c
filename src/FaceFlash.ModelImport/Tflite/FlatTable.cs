using Google.FlatBuffers;

namespace FaceFlash.ModelImport.Tflite;

/// <summary>
/// Reads one FlatBuffers table by field id (the order of its fields in the schema), on top of the FlatBuffers
/// runtime's vtable lookup. Only the handful of TFLite tables the importer needs are read, so generated code for the
/// whole schema is not worth carrying.
/// </summary>
public readonly struct FlatTable(ByteBuffer buffer, int position)
{
    private readonly Table _table = new(position, buffer);

    public static FlatTable Root(byte[] bytes)
    {
        var buffer = new ByteBuffer(bytes);
        return new FlatTable(buffer, buffer.GetInt(0));
    }

    /// <summary>Field <paramref name="id"/>'s offset inside the table, 0 when absent (then its default applies).</summary>
    private int Field(int id) => _table.__offset(4 + 2 * id);

    public int Int(int id, int fallback = 0) => Field(id) is var o and not 0 ? buffer.GetInt(position + o) : fallback;

    public uint UInt(int id, uint fallback = 0) => Field(id) is var o and not 0 ? buffer.GetUint(position + o) : fallback;

    public sbyte SByte(int id, sbyte fallback = 0) => Field(id) is var o and not 0 ? buffer.GetSbyte(position + o) : fallback;

    public byte Byte(int id, byte fallback = 0) => Field(id) is var o and not 0 ? buffer.Get(position + o) : fallback;

    public bool Bool(int id, bool fallback = false) => Field(id) is var o and not 0 ? buffer.Get(position + o) != 0 : fallback;

    public string? String(int id) => Field(id) is var o and not 0 ? _table.__string(position + o) : null;

    public FlatTable? Table(int id) => Field(id) is var o and not 0 ? new FlatTable(buffer, _table.__indirect(position + o)) : null;

    public int Length(int id) => Field(id) is var o and not 0 ? _table.__vector_len(o) : 0;

    public FlatTable TableAt(int id, int index) => new(buffer, _table.__indirect(_table.__vector(Field(id)) + 4 * index));

    public int[] Ints(int id)
    {
        var n = Length(id);
        if (n == 0) return [];
        var start = _table.__vector(Field(id));
        var values = new int[n];
        for (var i = 0; i < n; i++) values[i] = buffer.GetInt(start + 4 * i);
        return values;
    }

    public byte[] Bytes(int id)
    {
        var n = Length(id);
        return n == 0 ? [] : buffer.ToArray<byte>(_table.__vector(Field(id)), n);
    }
}
