using System.Globalization;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Tests.Output;

/// <summary>The fast fixed-point path writes exactly what .NET's custom format writes.</summary>
public sealed class CsvRowWriterTests
{
    private static string Row(double value, string format)
    {
        var text = new StringWriter();
        var row = new CsvRowWriter(text);
        row.Field(value, format);
        row.EndRow();
        return text.ToString().TrimEnd('\n');
    }

    [Theory]
    [InlineData("0.#")]
    [InlineData("0.##")]
    [InlineData("0.###")]
    [InlineData("0.####")]
    [InlineData("0.######")]
    public void MatchesDotNetOnRandomFloatsAndEdgeCases(string format)
    {
        var random = new Random(7);
        var values = new List<double> { 0, -0.0, 1, -1, 0.5, -0.5, 0.0625, -0.0625, 1.0005, 2.675, 1e-7, -1e-7, 0.05, -0.04, 999.9999, 123456.78, 4e8, 1e12, -3.25e10 };
        for (var i = 0; i < 20_000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-4, 5));
            values.Add((float)((random.NextDouble() * 2 - 1) * magnitude)); // landmarks are floats
            values.Add((random.NextDouble() * 2 - 1) * magnitude);
            values.Add(Math.Round(random.NextDouble() * 1000, random.Next(1, 7))); // on and near ties
        }
        foreach (var v in values) Assert.Equal(v.ToString(format, CultureInfo.InvariantCulture), Row(v, format));
    }

    [Fact]
    public void NaNIsAnEmptyFieldAndOtherFormatsStillWork()
    {
        var text = new StringWriter();
        var row = new CsvRowWriter(text);
        row.Field(double.NaN, "0.###");
        row.Field(3.14159, "0.00");
        row.Field(42);
        row.EndRow();
        Assert.Equal(",3.14,42\n", text.ToString());
    }

    [Theory]
    [InlineData("take 1.mp4", "take 1.mp4")]
    [InlineData("a,b.mp4", "\"a,b.mp4\"")]
    [InlineData(",lead.mp4", "\",lead.mp4\"")] // the character to quote first in the text
    [InlineData("\"quoted\".mp4", "\"\"\"quoted\"\".mp4\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void FreeTextIsQuotedOnlyWhereCsvReadersNeedIt(string text, string written)
    {
        var output = new StringWriter();
        var row = new CsvRowWriter(output);
        row.Text(text);
        row.Field(1);
        row.EndRow();
        Assert.Equal(written + ",1\n", output.ToString());
    }
}
