namespace FaceFlash.Core.Output;

/// <summary>A small CSV file's text: its header, then one row per item as <paramref name="write"/> writes it (ending the row after each).</summary>
public static class CsvText
{
    public static string Format<T>(string header, IEnumerable<T> items, Action<CsvRowWriter, T> write)
    {
        using var text = new StringWriter();
        text.Write(header + "\n");
        var row = new CsvRowWriter(text);
        foreach (var item in items)
        {
            write(row, item);
            row.EndRow();
        }
        return text.ToString();
    }
}
