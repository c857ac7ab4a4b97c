using Microsoft.Extensions.FileSystemGlobbing;

namespace FaceFlash.Pipeline.Batch;

/// <summary>One thing to analyse and where its outputs go.</summary>
/// <param name="Source">what is opened: a file path, an image-sequence pattern, a camera index or a URL</param>
/// <param name="OutputDirectory">folder for its outputs</param>
/// <param name="Stem">base name of its outputs, unique within the run</param>
public sealed record BatchInput(string Source, string OutputDirectory, string Stem)
{
    /// <summary>The same input with a stem made unique by its full path: <c>&lt;stem&gt;_&lt;8 hex digits of its SHA-1&gt;</c>.</summary>
    public BatchInput WithPathSuffix() =>
        this with { Stem = $"{Stem}_{Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(Source)))[..8]}" };
}

/// <summary>
/// Expands what the user named — files, directories (searched recursively for videos), glob patterns and list files —
/// into a sorted, de-duplicated list, so every shard of a job array sees the same list. Names that match nothing stay
/// in the list and fail later with a clear reason, rather than vanish.
/// </summary>
public static class InputList
{
    public static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".mts", ".m2ts", ".3gp", ".ogv",
    };

    public static List<BatchInput> Resolve(IEnumerable<string> arguments, string? listFile, string? outputDirectory)
    {
        var named = arguments.ToList();
        if (listFile is not null)
        {
            if (!File.Exists(listFile)) throw new FileNotFoundException($"list file {listFile} does not exist");
            named.AddRange(File.ReadAllLines(listFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }
        var found = new List<(string Source, string? Root)>();
        foreach (var name in named)
        {
            if (IsLive(name) || name.Contains('%')) found.Add((name, null));
            else if (Directory.Exists(name)) found.AddRange(VideosUnder(name).Select(f => (f, (string?)Path.GetFullPath(name))));
            else if (IsGlob(name)) found.AddRange(Glob(name).Select(f => (f, (string?)null)));
            else found.Add((Path.GetFullPath(name), null));
        }
        var unique = found.DistinctBy(f => f.Source, StringComparer.Ordinal).OrderBy(f => f.Source, StringComparer.Ordinal).ToList();
        return AssignOutputs(unique, outputDirectory);
    }

    /// <summary>
    /// The inputs of shard <paramref name="k"/> of <paramref name="n"/> (1-based): every n-th input of the sorted list,
    /// so the shards of a job array cover the list exactly once between them.
    /// </summary>
    public static List<BatchInput> Shard(IReadOnlyList<BatchInput> inputs, int k, int n) =>
        inputs.Where((_, i) => i % n == k - 1).ToList();

    private static bool IsLive(string name) => int.TryParse(name, out _) || name.Contains("://", StringComparison.Ordinal);

    private static bool IsGlob(string name) => name.IndexOfAny(['*', '?', '[']) >= 0;

    private static IEnumerable<string> VideosUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => VideoExtensions.Contains(Path.GetExtension(f)))
            .Select(Path.GetFullPath);

    private static IEnumerable<string> Glob(string pattern)
    {
        // The root is the longest leading part without wildcards; the rest is matched below it.
        var full = Path.GetFullPath(pattern.Replace('\\', '/'));
        var parts = full.Split('/');
        var fixedParts = parts.TakeWhile(p => !IsGlob(p)).ToArray();
        var root = string.Join('/', fixedParts);
        if (root.Length == 0) root = "/";
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts.Skip(fixedParts.Length)));
        return Directory.Exists(root) ? matcher.GetResultsInFullPath(root) : [];
    }

    private static List<BatchInput> AssignOutputs(List<(string Source, string? Root)> inputs, string? outputDirectory)
    {
        var result = new List<BatchInput>();
        foreach (var (source, root) in inputs)
        {
            var stem = Jobs.OutputPaths.For(source, null).Stem;
            string dir;
            if (outputDirectory is null) dir = Jobs.OutputPaths.For(source, null).Directory;
            else if (root is not null) dir = Path.Combine(outputDirectory, Path.GetRelativePath(root, Path.GetDirectoryName(source)!)); // mirror the tree
            else dir = outputDirectory;
            result.Add(new BatchInput(source, Path.GetFullPath(dir), stem));
        }
        // Two inputs that would write the same files get a suffix from their full path.
        foreach (var clash in result.GroupBy(r => Path.Combine(r.OutputDirectory, r.Stem)).Where(g => g.Count() > 1))
            foreach (var input in clash)
                result[result.IndexOf(input)] = input.WithPathSuffix();
        return result;
    }
}
