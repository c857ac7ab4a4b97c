namespace FaceFlash.Pipeline.Batch;

/// <summary>Checks, before any work, that an output folder can be created and written to.</summary>
public static class OutputFolder
{
    /// <summary>Null when files can be written in <paramref name="directory"/>; otherwise a one-line reason naming it.</summary>
    public static string? Unwritable(string directory)
    {
        var probe = Path.Combine(directory, $".faceflash-write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write to the output folder {directory}: {e.Message}";
        }
    }

    /// <summary>
    /// As <see cref="Unwritable"/>, for the folder a file written at the end of the work will go in; a name that is a
    /// folder (or the root) is no file's (it was an unexpected failure once the work was done).
    /// </summary>
    public static string? UnwritableFor(string file) =>
        Directory.Exists(file) ? $"{file} is a folder: name a file in it"
        : Unwritable(Path.GetDirectoryName(Path.GetFullPath(file))!);
}
