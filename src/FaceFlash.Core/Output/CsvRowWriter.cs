using System.Globalization;

namespace FaceFlash.Core.Output;

/// <summary>Formats CSV rows into a reusable buffer with the invariant culture: no per-value strings.</summary>
public sealed class CsvRowWriter(TextWriter writer)
{
    private readonly char[] _buffer = new char[64];
    private bool _rowStarted;

    public void Field(ReadOnlySpan<char> text)
    {
        Separator();
        writer.Write(text);
    }

    public void Field(long value) => Formatted(value, default);

    public void Field(double value, string format)
    {
        if (double.IsNaN(value)) Separator(); // an empty field reads as NA in R and NaN in pandas
        else Formatted(value, format);
    }

    public void Empty() => Separator();

    public void EndRow()
    {
        writer.Write('\n');
        _rowStarted = false;
    }

    private void Formatted<T>(T value, ReadOnlySpan<char> format) where T : ISpanFormattable
    {
        Separator();
        value.TryFormat(_buffer, out var written, format, CultureInfo.InvariantCulture);
        writer.Write(_buffer, 0, written);
    }

    private void Separator()
    {
        if (_rowStarted) writer.Write(',');
        _rowStarted = true;
    }
}
