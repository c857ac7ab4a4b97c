using System.Runtime.InteropServices;
using System.Text;
using FaceFlash.Vision.Platform;

namespace FaceFlash.Pipeline.Batch;

/// <summary>
/// One input's claim on its outputs in a folder: <c>&lt;stem&gt;.lock</c>, held with an advisory <c>flock</c> and
/// naming the owner's pid and input, so two FaceFlash processes — on this host or on another node sharing the folder —
/// never write the same outputs at once. The kernel releases the lock of a process that dies, so a stale lock file is
/// simply taken over. Linux only, as FaceFlash is.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string Suffix = ".lock";

    private readonly int _fd;
    private readonly string _path;

    private OutputLock(int fd, string path) => (_fd, _path) = (fd, path);

    /// <summary>Who holds a lock: process id and the input it is analysing.</summary>
    public sealed record Holder(int Pid, string Input);

    /// <summary>Takes the lock, or returns null with who holds it.</summary>
    public static OutputLock? TryTake(string directory, string stem, string input, out Holder? holder)
    {
        var path = Path.Combine(directory, stem + Suffix);
        while (true)
        {
            var fd = Posix.open(path, Posix.O_RDWR | Posix.O_CREAT | Posix.O_CLOEXEC, 0b110_100_100);
            if (fd < 0) throw new IOException($"cannot create the lock {path}: {Marshal.GetLastPInvokeErrorMessage()}");
            if (Posix.flock(fd, Posix.LOCK_EX | Posix.LOCK_NB) != 0)
            {
                holder = ReadHolder(fd);
                Posix.close(fd);
                return null;
            }
            // The previous owner may have removed the file between our open and our lock: then we hold a lock on a
            // file nobody else will find, and must take the one at the path instead.
            if (!SameFile(fd, path))
            {
                Posix.close(fd);
                continue;
            }
            var text = Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n{input}\n");
            if (Posix.ftruncate(fd, 0) != 0 || Posix.pwrite(fd, text, text.Length, 0) != text.Length)
            {
                var error = Marshal.GetLastPInvokeErrorMessage();
                Posix.close(fd);
                throw new IOException($"cannot write the lock {path}: {error}");
            }
            holder = null;
            return new OutputLock(fd, path);
        }
    }

    private static Holder? ReadHolder(int fd)
    {
        var buffer = new byte[4096];
        var n = Posix.pread(fd, buffer, buffer.Length, 0);
        if (n <= 0) return null;
        var lines = Encoding.UTF8.GetString(buffer, 0, (int)n).Split('\n');
        return lines.Length >= 2 && int.TryParse(lines[0], out var pid) ? new Holder(pid, lines[1]) : null;
    }

    /// <summary>Whether the open file is still the one at its path (not removed by an owner that let go meanwhile).</summary>
    private static bool SameFile(int fd, string path) =>
        new FileInfo($"/proc/self/fd/{fd}").LinkTarget is { } target && target == Path.GetFullPath(path);

    /// <summary>Removes the lock file while still holding it, then lets go.</summary>
    public void Dispose()
    {
        Posix.unlink(_path);
        Posix.close(_fd);
    }
}
