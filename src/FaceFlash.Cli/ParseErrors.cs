using System.Text.RegularExpressions;

namespace FaceFlash.Cli;

/// <summary>The command-line parser's messages, in words a user knows rather than .NET's type names.</summary>
public static partial class ParseErrors
{
    /// <summary><c>… as expected type 'System.Nullable`1[System.Int32]'.</c> reads <c>… as a whole number.</c></summary>
    public static string Plain(string message) => TypeName().Replace(message, m => m.Groups["type"].Value switch
    {
        "Int32" or "Int64" => "as a whole number",
        "Double" or "Single" => "as a number",
        _ => m.Value,
    });

    [GeneratedRegex(@"as expected type '(System\.Nullable`1\[)?System\.(?<type>\w+)\]?'")]
    private static partial Regex TypeName();
}
