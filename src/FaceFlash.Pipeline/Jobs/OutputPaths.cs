namespace FaceFlash.Pipeline.Jobs;

/// <summary>Names of the files one input produces: <c>&lt;stem&gt;.frames.csv</c> and friends, in --out or beside the input.</summary>
public sealed record OutputPaths(string Directory, string Stem)
{
    public static OutputPaths For(string input, string? outputDirectory)
    {
        // Standard input brings another recording each time: each run's outputs are its own, named by when it started.
        var stem = input == StandardInput ? $"stdin-{DateTime.Now:yyyyMMdd-HHmmss}"
            : Vision.Capture.ImageFolder.IsPattern(input) || int.TryParse(input, out _) || Vision.Capture.VideoSource.IsUrl(input) ? SanitisedStem(input)
            : System.IO.Directory.Exists(input) ? Path.GetFileName(input.TrimEnd('/')) // an image folder: its name, dots and all
            : Path.GetFileNameWithoutExtension(input.TrimEnd('/'));
        var dir = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".";
        return new OutputPaths(dir, Fitted(stem));
    }

    /// <summary>The most bytes a stem may take: a file name holds 255, and the longest output's name adds about 40
    /// (<c>.aus_tsconf.xml.&lt;pid&gt;-&lt;random&gt;.partial</c>) and a stem made unique 9 more.</summary>
    public const int MaxStemBytes = 180;

    /// <summary>
    /// A stem that fits in a file name: a longer one is cut and given 8 hex digits of its whole (so two long names stay
    /// apart). Such a name failed every output — the first, its lock, ended the batch as an unexpected failure.
    /// </summary>
    public static string Fitted(string stem)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(stem) <= MaxStemBytes) return stem;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(stem)))[..8];
        var (cut, bytes) = (new System.Text.StringBuilder(), 0);
        foreach (var rune in stem.EnumerateRunes())
        {
            if ((bytes += rune.Utf8SequenceLength) > MaxStemBytes - 9) break;
            cut.Append(rune.ToString());
        }
        return $"{cut}_{hash}";
    }

    /// <summary>The path that names standard input (<c>-</c> on the command line).</summary>
    public const string StandardInput = "/dev/stdin";

    /// <summary>What follows the stem in each output's name.</summary>
    public static readonly string[] Kinds = ["frames.csv", "summary.json", "events.csv", "blinks.csv", "megc.csv", "eaf", "run.json", "openface.csv", "aus_tsconf.xml", "aus", "unreported.csv", "aligned"];

    public string Frames => File(Kinds[0]);
    public string Summary => File(Kinds[1]);
    public string Events => File(Kinds[2]);
    public string Blinks => File(Kinds[3]);
    public string Megc => File(Kinds[4]);
    public string Elan => File(Kinds[5]);
    public string OpenFace => File(Kinds[7]);
    public string Unreported => File(Kinds[10]);

    /// <summary>The folder of aligned face images (<c>--format aligned</c>).</summary>
    public string Aligned => File(Kinds[11]);

    /// <summary>Whether a folder is a result's aligned face images: <c>&lt;stem&gt;.aligned</c> beside <c>&lt;stem&gt;.summary.json</c>.</summary>
    public static bool IsAlignedFaces(string folder)
    {
        var name = Path.GetFileName(folder.TrimEnd('/'));
        var suffix = "." + Kinds[11];
        return name.EndsWith(suffix, StringComparison.Ordinal)
            && System.IO.File.Exists(Path.Combine(Path.GetDirectoryName(folder.TrimEnd('/')) ?? ".", name[..^suffix.Length] + "." + Kinds[1]));
    }

    /// <summary>The output kind a file name in the folder belongs to for this stem (itself or a temporary of it), or null.</summary>
    public static string? KindOf(string stem, string fileName)
    {
        if (!fileName.StartsWith(stem + ".", StringComparison.Ordinal)) return null;
        var rest = fileName[(stem.Length + 1)..];
        return Kinds.FirstOrDefault(k => rest == k || rest.StartsWith(k + ".", StringComparison.Ordinal));
    }

    public string File(string suffix) => Path.Combine(Directory, $"{Stem}.{suffix}");

    private static string SanitisedStem(string input)
    {
        var name = int.TryParse(input, out var camera) ? $"camera{camera}"
            : Vision.Capture.VideoSource.IsUrl(input) ? UrlName(input)
            : Path.GetFileName(Path.GetDirectoryName(input)) ?? "sequence";
        return string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }

    /// <summary>A stream URL's last path part (<c>rtsp://cam/stream1</c> → <c>stream1</c>), else its host and port.</summary>
    private static string UrlName(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) ? "stream"
        : Path.GetFileNameWithoutExtension(uri.AbsolutePath) is { Length: > 0 } last ? last
        : $"{uri.Host}_{uri.Port}";
}
