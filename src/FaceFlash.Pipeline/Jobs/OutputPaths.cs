namespace FaceFlash.Pipeline.Jobs;

/// <summary>Names of the files one input produces: <c>&lt;stem&gt;.frames.csv</c> and friends, in --out or beside the input.</summary>
public sealed record OutputPaths(string Directory, string Stem)
{
    public static OutputPaths For(string input, string? outputDirectory)
    {
        var stem = input.Contains('%') || int.TryParse(input, out _)
            ? SanitisedStem(input)
            : Path.GetFileNameWithoutExtension(input.TrimEnd('/'));
        var dir = outputDirectory ?? Path.GetDirectoryName(Path.GetFullPath(input)) ?? ".";
        return new OutputPaths(dir, stem);
    }

    public string Frames => File("frames.csv");
    public string Summary => File("summary.json");
    public string Events => File("events.csv");
    public string Blinks => File("blinks.csv");
    public string Megc => File("megc.csv");
    public string Elan => File("eaf");

    public string File(string suffix) => Path.Combine(Directory, $"{Stem}.{suffix}");

    private static string SanitisedStem(string input)
    {
        var name = int.TryParse(input, out var camera) ? $"camera{camera}" : Path.GetFileName(Path.GetDirectoryName(input)) ?? "sequence";
        return string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }
}
