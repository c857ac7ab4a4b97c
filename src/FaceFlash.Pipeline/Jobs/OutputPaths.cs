namespace FaceFlash.Pipeline.Jobs;

/// <summary>Names of the files one input produces: <c>&lt;stem&gt;.frames.csv</c> and friends, in --out or beside the input.</summary>
public sealed record OutputPaths(string Directory, string Stem)
{
    public static OutputPaths For(string input, string? outputDirectory)
    {
        // Standard input brings another recording each time: each run's outputs are its own, named by when it started.
        var stem = input == StandardInput ? $"stdin-{DateTime.Now:yyyyMMdd-HHmmss}"
            : Vision.Capture.ImageFolder.IsPattern(input) || int.TryParse(input, out _) ? SanitisedStem(input)
            : System.IO.Directory.Exists(input) ? Path.GetFileName(input.TrimEnd('/')) // an image folder: its name, dots and all
            : Path.GetFileNameWithoutExtension(input.TrimEnd('/'));
        var dir = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".";
        return new OutputPaths(dir, stem);
    }

    /// <summary>The path that names standard input (<c>-</c> on the command line).</summary>
    public const string StandardInput = "/dev/stdin";

    /// <summary>What follows the stem in each output's name.</summary>
    public static readonly string[] Kinds = ["frames.csv", "summary.json", "events.csv", "blinks.csv", "megc.csv", "eaf", "run.json", "openface.csv", "aus_tsconf.xml", "aus", "unreported.csv"];

    public string Frames => File(Kinds[0]);
    public string Summary => File(Kinds[1]);
    public string Events => File(Kinds[2]);
    public string Blinks => File(Kinds[3]);
    public string Megc => File(Kinds[4]);
    public string Elan => File(Kinds[5]);
    public string OpenFace => File(Kinds[7]);
    public string Unreported => File(Kinds[10]);

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
        var name = int.TryParse(input, out var camera) ? $"camera{camera}" : Path.GetFileName(Path.GetDirectoryName(input)) ?? "sequence";
        return string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }
}
