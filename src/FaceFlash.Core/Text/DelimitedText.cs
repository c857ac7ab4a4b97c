using Microsoft.VisualBasic.FileIO;

namespace FaceFlash.Core.Text;

/// <summary>
/// Delimited text tables (CSV, semicolon or tab separated) read as R's <c>read.csv</c> and pandas read them: quoted
/// cells unquoted, and a row shorter than the header kept as it is (its last cells empty), which a spreadsheet or a
/// script that leaves trailing empty cells out writes. The framework's <see cref="TextFieldParser"/> does the parsing.
/// </summary>
public static class DelimitedText
{
    /// <summary>
    /// Every row's cells, the header's first; a blank line is an empty row, so that row <c>i</c> is the file's line
    /// <c>i + 1</c> (for messages) while no cell holds a line break. A quote never closed throws <see cref="FormatException"/>.
    /// </summary>
    public static List<string[]> Rows(string path, char delimiter)
    {
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(delimiter.ToString());
        var lines = File.ReadLines(path).Count();
        var rows = new List<string[]>();
        try
        {
            while (!parser.EndOfData)
            {
                var fields = parser.ReadFields() ?? [];
                // The parser passes over blank lines; its line number is then the next line's, or −1 at the file's end.
                var last = parser.LineNumber < 0 ? lines : parser.LineNumber - 1;
                while (rows.Count < last - 1) rows.Add([]);
                rows.Add(fields);
            }
        }
        catch (MalformedLineException e)
        {
            throw new FormatException(e.Message);
        }
        return rows;
    }

    /// <summary>The rows after the header, each as its cells by the header's names (a cell a short row lacks is empty).</summary>
    public static List<IReadOnlyDictionary<string, string>> Records(string path, char delimiter = ',')
    {
        var rows = Rows(path, delimiter);
        if (rows.Count == 0) return [];
        var header = rows[0];
        return rows.Skip(1).Where(r => r.Length > 0)
            .Select(r => (IReadOnlyDictionary<string, string>)Enumerable.Range(0, header.Length).ToDictionary(i => header[i], i => i < r.Length ? r[i] : ""))
            .ToList();
    }
}
