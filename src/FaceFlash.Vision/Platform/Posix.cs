using System.Runtime.InteropServices;

namespace FaceFlash.Vision.Platform;

/// <summary>
/// The few libc calls .NET does not expose as FaceFlash needs them: flock on a file it did not lock itself (output
/// locks), and a non-blocking open and poll of a FIFO (waiting for its writer interruptibly).
/// </summary>
public static class Posix
{
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int LOCK_EX = 2, LOCK_NB = 4;
    public const short POLLIN = 1;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    public static extern int poll(ref PollFd fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    public static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);

    [DllImport("libc", SetLastError = true)]
    public static extern int ftruncate(int fd, long length);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern nint pread(int fd, byte[] buffer, nint count, long offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int unlink(string path);

    [DllImport("libc", SetLastError = true)]
    public static extern int mkfifo(string path, uint mode);
}
