using System.Text;
using System.Text.RegularExpressions;

namespace FaceFlash.Core.Output;

/// <summary>
/// A text output written under a temporary name and renamed into place when committed, so a crash or a kill never
/// leaves a half-written file under the real name, and an existing complete file is replaced only by a complete one.
/// The temporary name is unique to the process and the file (<c>&lt;name&gt;.&lt;pid&gt;-&lt;random&gt;.partial</c>), so
/// two processes writing the same name (the folder's manifest) never write into one file.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    public const string PartialSuffix = ".partial";
    private bool _committed;

    public AtomicFile(string path)
    {
        Path = path;
        TemporaryPath = $"{path}.{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}{PartialSuffix}";
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

    /// <summary>
    /// Disposing without committing discards the temporary file — also when flushing what is left fails (a full
    /// disk is often why the file is being discarded).
    /// </summary>
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            Writer.Dispose();
        }
        catch (IOException)
        {
            // The unflushed rest is being thrown away with the file.
        }
        finally
        {
            File.Delete(TemporaryPath);
        }
    }

    /// <summary>
    /// The temporary files of <paramref name="path"/> now on disk (of this or any other process): named as
    /// <see cref="TemporaryPath"/> names them, so that those of another file whose name begins with this one's
    /// (<c>take.csv.bak</c>) are not among them.
    /// </summary>
    public static string[] TemporariesOf(string path)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is not { } dir || !Directory.Exists(dir)) return [];
        var name = System.IO.Path.GetFileName(path);
        return Directory.GetFiles(dir, name + ".*" + PartialSuffix)
            .Where(f => Regex.IsMatch(System.IO.Path.GetFileName(f)[(name.Length + 1)..^PartialSuffix.Length], "^[0-9]+-[0-9a-f]{8}$"))
            .ToArray();
    }

    /// <summary>Writes a whole small file atomically.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write(text);
        file.Commit();
    }

    /// <summary>Writes a whole small binary file (an image) atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        using var file = new AtomicFile(path);
        file.Writer.Flush();
        file.Writer.BaseStream.Write(bytes);
        file.Commit();
    }
}
