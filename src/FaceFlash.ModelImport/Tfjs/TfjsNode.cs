using System.Text;
using System.Text.Json;

namespace FaceFlash.ModelImport.Tfjs;

/// <summary>One node of a TF.js graph: its op, data inputs (control inputs dropped) and the attributes the importer reads.</summary>
public sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonElement Attributes)
{
    public static TfjsNode Parse(JsonElement node)
    {
        var inputs = node.TryGetProperty("input", out var i)
            ? i.EnumerateArray().Select(x => x.GetString()!).Where(x => !x.StartsWith('^')).ToList()
            : [];
        var attrs = node.TryGetProperty("attr", out var a) ? a.Clone() : default;
        return new TfjsNode(node.GetProperty("name").GetString()!, node.GetProperty("op").GetString()!, inputs, attrs);
    }

    /// <summary>"conv/BiasAdd:1" → ("conv/BiasAdd", 1).</summary>
    public static (string Node, int Index) Split(string tensor)
    {
        var colon = tensor.LastIndexOf(':');
        return colon > 0 && int.TryParse(tensor.AsSpan(colon + 1), out var index)
            ? (tensor[..colon], index)
            : (tensor, 0);
    }

    private JsonElement Attr(string key) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(key, out var v)
            ? v
            : throw new ImportException($"node '{Name}' ({Op}) has no attribute '{key}'");

    public bool HasAttr(string key) => Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(key, out _);

    /// <summary>TF.js stores string attributes base64-encoded.</summary>
    public string StringAttr(string key) => Encoding.UTF8.GetString(Convert.FromBase64String(Attr(key).GetProperty("s").GetString()!));

    public IReadOnlyList<string> StringListAttr(string key) =>
        Attr(key).GetProperty("list").TryGetProperty("s", out var s)
            ? s.EnumerateArray().Select(x => Encoding.UTF8.GetString(Convert.FromBase64String(x.GetString()!))).ToList()
            : [];

    public long[] IntListAttr(string key) =>
        Attr(key).GetProperty("list").TryGetProperty("i", out var l)
            ? l.EnumerateArray().Select(x => long.Parse(x.GetString()!)).ToArray()
            : [];

    public long IntAttr(string key) => long.Parse(Attr(key).GetProperty("i").GetString()!);

    public bool BoolAttr(string key, bool fallback) => HasAttr(key) ? Attr(key).GetProperty("b").GetBoolean() : fallback;
}
