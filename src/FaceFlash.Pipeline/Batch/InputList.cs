using FaceFlash.Core.Output;
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
/// Expands what the user named — files, directories (searched recursively for videos and image-sequence folders),
/// glob patterns and list files —
/// into a sorted, de-duplicated list, so every shard of a job array sees the same list. Names that match nothing stay
/// in the list and fail later with a clear reason, rather than vanish; a folder or glob that yields nothing is said
/// (a mistyped glob or a folder one level off would otherwise leave its videos out of the batch without a word).
/// </summary>
public static class InputList
{
    public static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".mts", ".m2ts", ".3gp", ".ogv",
        ".mxf", ".dv", ".vob", ".asf", ".y4m", // professional and older camcorders, DVDs, uncompressed YUV
    };

    /// <summary>A list file's limit: a million paths of 64 characters.</summary>
    private const int MaxListChars = 64_000_000;

    /// <summary>Throws <see cref="FileNotFoundException"/> or <see cref="FormatException"/> (one line) for a list file it cannot read.</summary>
    /// <param name="notice">told, in one line each, of what a name leaves out: a named folder or glob that yields no
    /// input, a folder's images beside its videos</param>
    public static List<BatchInput> Resolve(IEnumerable<string> arguments, string? listFile, string? outputDirectory, CancellationToken cancel = default,
        Action<string>? notice = null)
    {
        var named = arguments.ToList();
        if (listFile is not null) named.AddRange(Listed(listFile));
        var found = new List<(string Source, string? Root)>();
        foreach (var name in named)
        {
            if (IsLive(name) || Vision.Capture.ImageFolder.IsPattern(name)) found.Add((name, null));
            else if (Directory.Exists(name)) Add(VideosUnder(Path.GetFullPath(name), notice, cancel).Select(f => (f, (string?)Path.GetFullPath(name))),
                $"{name} holds no video (by its name's ending) and no folder of images");
            else if (IsGlob(name)) Add(Glob(name).Select(f => (f, (string?)null)), $"{name} matches no file");
            else found.Add((Path.GetFullPath(name), null));
        }
        void Add(IEnumerable<(string, string?)> inputs, string nothing)
        {
            var before = found.Count;
            found.AddRange(inputs);
            if (found.Count == before) notice?.Invoke(nothing);
        }

        var unique = found.DistinctBy(f => f.Source, StringComparer.Ordinal).OrderBy(f => f.Source, StringComparer.Ordinal).ToList();
        return AssignOutputs(unique, outputDirectory);
    }

    /// <summary>The names a list file holds, one per line; blank lines and those starting with '#' are none.</summary>
    private static IEnumerable<string> Listed(string listFile)
    {
        if (!File.Exists(listFile)) throw new FileNotFoundException($"list file {listFile} does not exist");
        try
        {
            var lines = Core.Text.BoundedText.Read(listFile, MaxListChars, "a list of inputs, one per line").Split('\n');
            return lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        }
        catch (FormatException e)
        {
            throw new FormatException($"list file {listFile}: {e.Message}");
        }
    }

    /// <summary>
    /// The inputs of shard <paramref name="k"/> of <paramref name="n"/> (1-based): every n-th input of the sorted list,
    /// so the shards of a job array cover the list exactly once between them.
    /// </summary>
    public static List<BatchInput> Shard(IReadOnlyList<BatchInput> inputs, int k, int n) =>
        inputs.Where((_, i) => i % n == k - 1).ToList();

    private static bool IsLive(string name) => int.TryParse(name, out _) || Vision.Capture.VideoSource.IsUrl(name);

    private static bool IsGlob(string name) => name.IndexOfAny(['*', '?', '[']) >= 0;

    /// <summary>
    /// The videos and image-sequence folders in a folder and its subfolders, each real folder walked once: a symbolic link to a folder is
    /// followed, but a folder reached again (a link back up the tree, a loop of links) is not walked again. Files are
    /// named by the path walked (so outputs mirror it under --out). Memory grows with the number of real folders, not
    /// with the links between them; Ctrl+C stops the walk.
    /// </summary>
    private static IEnumerable<string> VideosUnder(string root, Action<string>? notice, CancellationToken cancel)
    {
        var walked = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Path, string? Real)>([(root, Real(root))]);
        var options = new EnumerationOptions { IgnoreInaccessible = true };
        while (pending.TryPop(out var directory))
        {
            cancel.ThrowIfCancellationRequested();
            if (directory.Real is null || !walked.Add(directory.Real)) continue;
            if (Contents(directory.Path, options) is not var (files, subfolders)) continue;
            var videos = files.Where(f => VideoExtensions.Contains(Path.GetExtension(f)) && !Vision.Capture.ImageFolder.IsHidden(f) && !IsDrawnByFaceFlash(f))
                .Order(StringComparer.Ordinal).ToList();
            // A folder of images (a dataset's sequence) is one input; its subfolders are still walked. A results folder
            // (its manifest says so) is none, though `report --png` leaves timeline images in it; nor is a folder of
            // videos whose images lie beside them (a set-up photo, a scanned form).
            if (Vision.Capture.ImageFolder.HoldsSequence(files) && !files.Contains(Path.Combine(directory.Path, RunRecord.ManifestName)))
            {
                if (videos.Count == 0) yield return directory.Path;
                else notice?.Invoke($"{directory.Path}: its images lie beside videos, so they are not read as an image sequence (name a pattern, " +
                                    "'folder/img%d.jpg', to analyse them)");
            }
            foreach (var video in videos) yield return video;
            // Hidden ones are passed over when a folder is walked; one named on the command line is analysed. So are
            // FaceFlash's own folders of aligned faces, <stem>.aligned beside <stem>.summary.json (an image folder each).
            foreach (var sub in subfolders)
                if (!Vision.Capture.ImageFolder.IsHidden(sub) && !Jobs.OutputPaths.IsAlignedFaces(sub)) pending.Push((sub, Real(sub)));
        }
    }

    /// <summary>
    /// A report's tracked video beside its page, or a live session's overlay recording beside its summary: FaceFlash's
    /// own drawing on a recording, not one (the mesh painted on the face would be analysed); named, it is analysed.
    /// </summary>
    private static bool IsDrawnByFaceFlash(string file) => ReportFiles.IsTrackedVideo(file) || Live.LiveSession.IsOverlayRecording(file);

    /// <summary>
    /// A folder's files and subfolders, or null when it went away while the tree was walked (a session's temporary
    /// folder removed, /proc's entries of a process that ended) or cannot be read (as an unreadable subfolder is passed
    /// over): either was an unexpected failure ending the batch.
    /// </summary>
    private static (List<string> Files, List<string> Subfolders)? Contents(string directory, EnumerationOptions options)
    {
        try
        {
            return ([.. Directory.EnumerateFiles(directory, "*", options)], [.. Directory.EnumerateDirectories(directory, "*", options)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where a folder really is, every symbolic link on its path followed; null for a broken link.</summary>
    private static string? Real(string directory)
    {
        var current = "/";
        foreach (var part in Path.GetFullPath(directory).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = new DirectoryInfo(Path.Combine(current, part));
            if (next.LinkTarget is null) current = next.FullName;
            else if (next.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target) current = Path.GetFullPath(target.FullName);
            else return null;
        }
        return current;
    }

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
            else if (root is not null && source != root) dir = Path.Combine(outputDirectory, Path.GetRelativePath(root, Path.GetDirectoryName(source)!)); // mirror the tree
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
