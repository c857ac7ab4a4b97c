using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceFlash.Core.Output;

/// <summary>
/// Writes a value that was not measured (NaN, an infinity) as JSON's <c>null</c>, which Python's <c>json</c>,
/// pandas and R's jsonlite read as a missing number; the string <c>"NaN"</c> made a text column of it. Reads
/// <c>null</c> back as NaN, and the named literals too, so files written by earlier builds still read.
/// </summary>
public sealed class NonFiniteAsNullConverter : JsonConverter<double>
{
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => double.NaN,
        JsonTokenType.String => reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var text => throw new JsonException($"\"{text}\" is no number"),
        },
        _ => reader.GetDouble(),
    };

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
