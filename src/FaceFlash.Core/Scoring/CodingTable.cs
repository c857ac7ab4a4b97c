using System.Globalization;
using System.Text.RegularExpressions;
using FaceFlash.Core.Text;
using MiniExcelLibs;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// Which columns of a human coding table hold what. <see cref="Video"/> is a template naming each row's video from
/// its columns (<c>{Filename}</c>, <c>sub{Subject:00}/{Filename}</c>): the path of its results under the results
/// folder, without <c>.events.csv</c>. Frames are the table's frame numbers.
/// </summary>
public sealed record CodingColumns
{
    public required string Video { get; init; }
    public required string Onset { get; init; }
    public string? Apex { get; init; }
    public required string Offset { get; init; }
    public string? Emotion { get; init; }
    public string? Aus { get; init; }

    /// <summary>A column saying micro or macro (<c>me</c>/<c>mae</c>, <c>Micro - 1/2</c>, <c>Macro</c>); without one every row is micro.</summary>
    /// <remarks>Apex, emotion, AU and type columns are optional: a table without them is read without them.</remarks>
    public string? Type { get; init; }

    /// <summary>What the onset, apex and offset columns hold: frame numbers, unless the table gives times.</summary>
    public CodingUnits Units { get; init; } = CodingUnits.Frames;

    /// <summary>CASME II's coding sheet: every row a micro-expression, videos as <c>sub01/EP02_01f</c> image folders.</summary>
    public static CodingColumns Casme2 { get; } = new()
    {
        Video = "sub{Subject:00}/{Filename}", Onset = "OnsetFrame", Apex = "ApexFrame", Offset = "OffsetFrame",
        Emotion = "Estimated Emotion", Aus = "Action Units",
    };

    /// <summary>SAMM's coding sheet: micro and macro rows, videos as <c>006/006_1_2</c> image folders.</summary>
    public static CodingColumns Samm { get; } = new()
    {
        Video = "{Subject:000}/{Filename}", Onset = "Onset Frame", Apex = "Apex Frame", Offset = "Offset Frame",
        Emotion = "Estimated Emotion", Aus = "Action Units", Type = "Type",
    };

    /// <summary>MEGC spotting rows (<c>vid,onset,offset,type</c>), as FaceFlash's own <c>--format megc</c> writes them.</summary>
    public static CodingColumns Megc { get; } = new() { Video = "{vid}", Onset = "onset", Offset = "offset", Type = "type" };

    /// <summary>
    /// FaceFlash's own study table (<c>faceflash report</c>'s <c>events.csv</c>), as a coder corrects it: rows deleted,
    /// missed expressions added. Its times are milliseconds.
    /// </summary>
    public static CodingColumns FaceFlash { get; } = new()
    {
        Video = "{video}", Onset = "onset_ms", Apex = "apex_ms", Offset = "offset_ms", Emotion = "emotion", Aus = "aus", Type = "kind",
        Units = CodingUnits.Milliseconds,
    };

    public static CodingColumns? Preset(string name) => name.ToLowerInvariant() switch
    {
        "casme2" => Casme2,
        "samm" => Samm,
        "faceflash" => FaceFlash,
        "megc" => Megc,
        _ => null,
    };
}

/// <summary>One coded expression: onset, apex and offset as the table gives them (frame numbers, or times: <see cref="CodingUnits"/>).</summary>
public sealed record CodedEvent(string Video, string Kind, double Onset, double? Apex, double Offset, string Emotion, IReadOnlyList<string> Aus);

/// <summary>
/// What a coding table's onset, apex and offset columns hold: frame numbers (CASME II, SAMM, MEGC), or times from the
/// video's start in seconds or milliseconds, as behaviour-coding tools (BORIS, The Observer) and ELAN's tab-delimited
/// export write them.
/// </summary>
public enum CodingUnits { Frames, Seconds, Milliseconds }

/// <summary>Reads a coding table (CSV or XLSX, first sheet, a header row) into coded expressions.</summary>
public static partial class CodingTable
{
    /// <summary>How far down a sheet its header row is looked for (SAMM's has 13 rows of title and notes above it).</summary>
    private const int HeaderSearchRows = 50;

    /// <summary>
    /// Throws <see cref="FormatException"/> with a one-line reason when the file cannot be read as the columns say. The
    /// header is the first row naming the onset column, so a sheet with a title and notes above its table (SAMM's
    /// coding sheet, as distributed) is read as it is; without such a row the first row is the header.
    /// </summary>
    public static List<CodedEvent> Read(string path, CodingColumns columns)
    {
        List<string[]> cells;
        char? delimiter;
        try
        {
            delimiter = IsText(path) ? Delimiter(path, columns.Onset) : null;
            cells = delimiter is { } separator
                ? DelimitedText.Rows(path, separator)
                : MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX)
                    .Cast<IDictionary<string, object?>>()
                    .Select(r => r.Values.Select(Text).ToArray())
                    .ToList();
        }
        // A workbook MiniExcel cannot read (damaged, or not a workbook), a cell of the wrong kind; a quote never closed.
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or FormatException
                                      or System.Xml.XmlException or ArgumentException or KeyNotFoundException or InvalidCastException)
        {
            throw new FormatException($"{path} cannot be read as a coding table: {e.Message}");
        }
        if (cells.Count == 0) return [];
        var header = Math.Max(0, cells.Take(HeaderSearchRows).ToList().FindIndex(row => row.Any(c => Names(c, columns.Onset))));
        var names = cells[header].Select(c => c.Trim()).ToArray();
        var rows = cells.Skip(header + 1).Select(row => (IReadOnlyDictionary<string, string>)Enumerable.Range(0, names.Length)
                .Where(i => names[i].Length > 0)
                .DistinctBy(i => names[i], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(i => names[i], i => i < row.Length ? row[i] : "", StringComparer.OrdinalIgnoreCase));
        // Where a spreadsheet saves CSV with semicolons, the comma is its decimal mark: times in seconds read "2,40".
        return FromRows(rows, columns, path, firstLine: header + 2, decimalComma: delimiter == ';');
    }

    private static bool Names(string cell, string column) => string.Equals(cell.Trim(), column, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a coding table is delimited text (.csv, .tsv, or .txt — the name a spreadsheet's "Text (Tab delimited)"
    /// and ELAN's tab-delimited export get) rather than a workbook (.xlsx).
    /// </summary>
    public static bool IsText(string path) => Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".tsv" or ".txt";

    /// <summary>
    /// The delimiter a text table's header row (the first line naming the onset column, else the first line) uses most: a
    /// comma, or the semicolon that spreadsheets write as "CSV" where the comma is the decimal mark (German, French,
    /// Spanish … settings), or a tab (.tsv, R's write.table).
    /// </summary>
    private static char Delimiter(string path, string onsetColumn)
    {
        var lines = File.ReadLines(path).Take(HeaderSearchRows).ToList();
        var header = lines.FirstOrDefault(l => l.Contains(onsetColumn, StringComparison.OrdinalIgnoreCase)) ?? lines.FirstOrDefault() ?? "";
        return new[] { ',', ';', '\t' }.MaxBy(d => header.Count(c => c == d));
    }

    /// <param name="firstLine">the line (1-based) of the first row in the file, for error messages</param>
    /// <param name="decimalComma">whether a number may have a comma for its decimal point</param>
    public static List<CodedEvent> FromRows(IEnumerable<IReadOnlyDictionary<string, string>> rows, CodingColumns columns, string origin, int firstLine = 2,
        bool decimalComma = false)
    {
        bool TryNumber(string? text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            || (decimalComma && double.TryParse(text?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value));

        var events = new List<CodedEvent>();
        var line = firstLine - 1;
        foreach (var row in rows)
        {
            line++;
            if (row.Values.All(string.IsNullOrWhiteSpace)) continue;
            string Cell(string column) => row.TryGetValue(column, out var v)
                ? v.Trim()
                : throw new FormatException($"{origin} has no column '{column}' (it has: {string.Join(", ", row.Keys)})");
            double Number(string column) => TryNumber(Cell(column), out var f)
                ? f
                : throw new FormatException($"{origin} row {line}: {column} '{Cell(column)}' is not a number");
            // Optional columns a table does not have are not coded there (a CSV of onsets and offsets alone is fine).
            string? Optional(string? column) => column is not null && row.TryGetValue(column, out var v) ? v.Trim() : null;
            double? apex = TryNumber(Optional(columns.Apex), out var ap) ? ap : null;
            var (onset, offset) = (Number(columns.Onset), Number(columns.Offset));
            if (offset < onset) throw new FormatException($"{origin} row {line}: offset {offset} is before onset {onset}");
            events.Add(new CodedEvent(
                VideoName(columns.Video, row, Cell),
                Optional(columns.Type) is { } type ? Kind(type, origin, line) : "micro",
                onset, apex, offset,
                Optional(columns.Emotion)?.ToLowerInvariant() ?? "",
                Optional(columns.Aus) is { } aus ? ParseAus(aus) : []));
        }
        return events;
    }

    /// <summary>
    /// Fills a template's <c>{Column}</c> and <c>{Column:format}</c> (a number format, e.g. <c>00</c>) from a row. A
    /// template without braces that is a column's name names that column, as <c>--onset</c> names its own (<c>--video
    /// Filename</c> looked for results of a video called "Filename").
    /// </summary>
    private static string VideoName(string template, IReadOnlyDictionary<string, string> row, Func<string, string> cell) =>
        !template.Contains('{') && row.TryGetValue(template, out var named) ? named.Trim() : Placeholder().Replace(template, m =>
        {
            var value = cell(m.Groups["column"].Value);
            return m.Groups["format"].Success && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? n.ToString(m.Groups["format"].Value, CultureInfo.InvariantCulture)
                : value;
        });

    private static string Kind(string type, string origin, int line)
    {
        var t = type.ToLowerInvariant();
        if (t is "me" || t.StartsWith("micro", StringComparison.Ordinal)) return "micro";
        if (t is "mae" || t.StartsWith("macro", StringComparison.Ordinal)) return "macro";
        throw new FormatException($"{origin} row {line}: type '{type}' is neither micro (me) nor macro (mae)");
    }

    /// <summary>"4+7", "R12+L14", "AU1, AU2": the AU numbers as FaceFlash names them (AU04, AU07), sides dropped.</summary>
    public static IReadOnlyList<string> ParseAus(string text) =>
        AuNumber().Matches(text).Select(m => $"AU{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture):00}").Distinct().ToList();

    private static string Text(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{(?<column>[^}:]+)(:(?<format>[^}]+))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:AU|[LRBT])?\s*(\d{1,2})(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex AuNumber();
}
