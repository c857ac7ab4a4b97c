using System.Text;

namespace FaceFlash.Core.Output;

/// <summary>
/// A text output written under a temporary name and renamed into place when committed, so a crash or a kill never
/// leaves a half-written file under the real name, and an existing complete file is replaced only by a complete one.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    public const string PartialSuffix = ".partial";
    private bool _committed;

    public AtomicFile(string path)
    {
        Path = path;
        TemporaryPath = path + PartialSuffix;
        Writer = new StreamWriter(new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16),
            new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
    }

    public string Path { get; }
    public string TemporaryPath { get; }
    public StreamWriter Writer { get; }

    public void Commit()
    {
        if (_committed) return;
        Writer.Flush();
        Writer.BaseStream.Flush();
        Writer.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        _committed = true;
    }

    /// <summary>Disposing without committing discards the temporary file.</summary>
    public void Dispose()
    {
        if (_committed) return;
        Writer.Dispose();
        File.Delete(TemporaryPath);
    }

    /// <summary>Writes a whole small file atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write(text);
        file.Commit();
    }
}
