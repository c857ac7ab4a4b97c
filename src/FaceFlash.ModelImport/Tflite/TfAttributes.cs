using System.Text;
using System.Text.Json;
using FaceFlash.ModelImport.Tfjs;

namespace FaceFlash.ModelImport.Tflite;

/// <summary>Builds graph nodes with attributes in the JSON form TF.js model files use, which the converter reads.</summary>
public static class TfAttributes
{
    public static TfjsNode Node(string name, string op, IReadOnlyList<string> inputs, Dictionary<string, object>? attributes = null) =>
        new(name, op, inputs, JsonSerializer.SerializeToElement(attributes ?? []));

    public static object String(string value) => new { s = Base64(value) };

    public static object Strings(params string[] values) => new { list = new { s = values.Select(Base64).ToArray() } };

    public static object Ints(params long[] values) => new { list = new { i = values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() } };

    public static object Int(long value) => new { i = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static object Bool(bool value) => new { b = value };

    public static object Shape(IEnumerable<int> dims) =>
        new { shape = new { dim = dims.Select(d => new { size = d.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray() } };

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
