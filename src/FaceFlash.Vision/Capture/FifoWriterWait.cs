using System.Runtime.InteropServices;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Waits, interruptibly and for a bounded time, until someone writes into a FIFO. Opening a FIFO for reading blocks
/// in the kernel until a writer appears — uninterruptibly for the decoder, which would hang on Ctrl+C — so FaceFlash
/// first opens it without blocking, polls for data in short steps, and hands it to the decoder only once data is
/// there. The handle stays open until the decoder has opened the FIFO too, so the writer never finds it without a
/// reader in between.
/// </summary>
internal sealed partial class FifoWriterWait : IDisposable
{
    private const int O_RDONLY = 0, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    private const short POLLIN = 1;
    private const int StepMs = 100;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    private readonly int _fd;

    private FifoWriterWait(int fd) => _fd = fd;

    /// <summary>Returns once data can be read from the FIFO; throws <see cref="SourceException"/> after the timeout.</summary>
    public static FifoWriterWait UntilWritten(string path, TimeSpan timeout, CancellationToken cancel)
    {
        var fd = Open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) throw new SourceException($"{path} cannot be opened: {Marshal.GetLastPInvokeErrorMessage()}");
        var wait = new FifoWriterWait(fd);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var poll = new PollFd { Fd = fd, Events = POLLIN };
            while (Poll(ref poll, 1, StepMs) <= 0 || (poll.Revents & POLLIN) == 0)
            {
                cancel.ThrowIfCancellationRequested();
                if (waited.Elapsed > timeout)
                    throw new SourceException($"{path} is a FIFO nobody writes to (waited {timeout.TotalSeconds:0} s); start the program that feeds it first");
                poll.Revents = 0;
            }
            return wait;
        }
        catch
        {
            wait.Dispose();
            throw;
        }
    }

    public void Dispose() => Close(_fd);
}
