using System.Text.Json;
using FaceFlash.Core.Output;
using Xunit;

namespace FaceFlash.Core.Tests.Output;

public class JsonFilesTests
{
    private sealed record Scores(double Accuracy, double? Rate, double Count);

    [Fact]
    public void AnUnmeasuredNumberIsWrittenAsNullWhichPythonAndRReadAsMissing()
    {
        var json = JsonSerializer.Serialize(new Scores(double.NaN, double.PositiveInfinity, 3.25), JsonFiles.Options);

        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("accuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("rate").ValueKind);
        Assert.Equal(3.25, root.GetProperty("count").GetDouble());
    }

    [Fact]
    public void NullAndTheNamedLiteralsOfEarlierBuildsReadBackAsNotANumber()
    {
        var written = JsonSerializer.Deserialize<Scores>("""{"accuracy": null, "rate": null, "count": 2}""", JsonFiles.Options)!;
        var earlier = JsonSerializer.Deserialize<Scores>("""{"accuracy": "NaN", "rate": "Infinity", "count": 2}""", JsonFiles.Options)!;

        Assert.True(double.IsNaN(written.Accuracy));
        Assert.Null(written.Rate);
        Assert.True(double.IsNaN(earlier.Accuracy));
        Assert.Equal(double.PositiveInfinity, earlier.Rate);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Scores>("""{"accuracy": "high", "count": 2}""", JsonFiles.Options));
    }
}
