using System.Runtime.InteropServices;
using FaceFlash.Vision.Platform;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Waits, interruptibly and for a bounded time, until someone writes into a FIFO. Opening a FIFO for reading blocks
/// in the kernel until a writer appears — uninterruptibly for the decoder, which would hang on Ctrl+C — so FaceFlash
/// first opens it without blocking, polls for data in short steps, and hands it to the decoder only once data is
/// there. The handle stays open until the decoder has opened the FIFO too, so the writer never finds it without a
/// reader in between.
/// </summary>
internal sealed class FifoWriterWait : IDisposable
{
    private const int StepMs = 100;

    private readonly int _fd;

    private FifoWriterWait(int fd) => _fd = fd;

    /// <summary>Returns once data can be read from the FIFO; throws <see cref="SourceException"/> after the timeout.</summary>
    public static FifoWriterWait UntilWritten(string path, TimeSpan timeout, CancellationToken cancel)
    {
        var fd = Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC, 0);
        if (fd < 0) throw new SourceException($"{path} cannot be opened: {Marshal.GetLastPInvokeErrorMessage()}");
        var wait = new FifoWriterWait(fd);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var poll = new Posix.PollFd { Fd = fd, Events = Posix.POLLIN };
            while (Posix.poll(ref poll, 1, StepMs) <= 0 || (poll.Revents & Posix.POLLIN) == 0)
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

    public void Dispose() => Posix.close(_fd);
}
