using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceFlash.Core.Output;

/// <summary>How FaceFlash writes its JSON files (summaries, ground truth, run records, reports): snake_case, indented, absent values left out, unmeasured numbers null.</summary>
public static class JsonFiles
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new NonFiniteAsNullConverter() },
    };
}
