namespace FaceFlash.Core.Output;

/// <summary>
/// A folder of outputs (the aligned face images) written under a temporary name and renamed into place when
/// committed, as <see cref="AtomicFile"/> does for one file: an interrupted or failed run never leaves a half-filled
/// folder under the real name, and a complete earlier folder is replaced only by a complete one. The temporary name
/// is the path with <c>.&lt;pid&gt;-&lt;random&gt;.partial</c>, as a file's, so a later run clears what a killed one left.
/// </summary>
public sealed class AtomicFolder : IDisposable
{
    private readonly string _unique = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    private bool _committed;

    public AtomicFolder(string path)
    {
        Path = path;
        TemporaryPath = $"{path}.{_unique}{AtomicFile.PartialSuffix}";
        Directory.CreateDirectory(TemporaryPath);
    }

    public string Path { get; }
    public string TemporaryPath { get; }

    /// <summary>Where a file of the folder is written until the folder is committed.</summary>
    public string File(string name) => System.IO.Path.Combine(TemporaryPath, name);

    public void Commit()
    {
        if (_committed) return;
        if (Directory.Exists(Path))
        {
            // A folder cannot be renamed over another: the earlier one steps aside first, and goes once the new is in place.
            var earlier = $"{Path}.{_unique}-replaced{AtomicFile.PartialSuffix}";
            Directory.Move(Path, earlier);
            Directory.Move(TemporaryPath, Path);
            Directory.Delete(earlier, recursive: true);
        }
        else Directory.Move(TemporaryPath, Path);
        _committed = true;
    }

    /// <summary>Disposing without committing discards the temporary folder and what is in it.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(TemporaryPath)) Directory.Delete(TemporaryPath, recursive: true);
    }
}
