using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using FaceFlash.Vision.Platform;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Reads a stream URL (<c>rtsp://</c>, <c>http(s)://</c>, <c>tcp://</c>, <c>udp://</c>, <c>rtmp://</c>, an HLS playlist)
/// through FFmpeg's command-line tool. The FFmpeg inside OpenCV's runtime has no network protocols (file and pipe
/// only), so a URL given to it opened nothing. <c>ffmpeg</c> copies the URL's first video stream, undecoded and with
/// its own times, as Matroska into a FIFO that the decoder reads.
/// </summary>
/// <remarks>
/// The decoder opens the FIFO before anyone else does, and its open waits (in the kernel, beyond Ctrl+C) for the
/// writer: FFmpeg opens it once the URL answers with video. So no stream is lost between the two, however short. When
/// FFmpeg ends without opening it (nothing answered), after <see cref="AnswerTimeout"/>, or on Ctrl+C, a writer is
/// opened and closed here so that the decoder's open returns, to an empty stream — once the decoder has come to the
/// FIFO, however late.
/// </remarks>
internal sealed partial class UrlRelay : IDisposable
{
    /// <summary>How long a server may take to answer with video (an RTSP camera takes a few seconds).</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often to look whether the decoder has come to the FIFO, once FFmpeg has given up.</summary>
    private static readonly TimeSpan ReaderPoll = TimeSpan.FromMilliseconds(20);

    private readonly Process _ffmpeg;
    private readonly string _directory;
    private readonly Queue<string> _errors = new();
    private readonly CancellationTokenSource _waiting;
    private Task _watch = Task.CompletedTask;
    private volatile bool _opened;

    private UrlRelay(Process ffmpeg, string directory, string fifo, CancellationToken cancel)
    {
        (_ffmpeg, _directory, FifoPath) = (ffmpeg, directory, fifo);
        _waiting = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _waiting.CancelAfter(AnswerTimeout);
    }

    /// <summary>Where the relayed stream can be read.</summary>
    public string FifoPath { get; }

    public static UrlRelay Start(string url, CancellationToken cancel)
    {
        var directory = Directory.CreateTempSubdirectory("faceflash-relay-").FullName;
        var fifo = Path.Combine(directory, "stream.mkv");
        if (Posix.mkfifo(fifo, 0x180) != 0) // read and write for the owner only
        {
            Directory.Delete(directory, recursive: true);
            throw new SourceException($"{url}: no FIFO could be made to relay it ({Marshal.GetLastPInvokeErrorMessage()})");
        }
        var ffmpeg = CommandLineTool.TryStart("ffmpeg",
            ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", url, "-map", "0:v:0", "-c", "copy", "-f", "matroska", "-y", fifo]);
        if (ffmpeg is null)
        {
            Directory.Delete(directory, recursive: true);
            throw new SourceException($"{url}: reading a stream URL needs FFmpeg's command-line tool (apt install ffmpeg); FaceFlash's own reader reads files and pipes only");
        }
        var relay = new UrlRelay(ffmpeg, directory, fifo, cancel);
        ffmpeg.ErrorDataReceived += (_, line) =>
        {
            if (string.IsNullOrWhiteSpace(line.Data)) return;
            lock (relay._errors)
            {
                relay._errors.Enqueue(ComponentPrefix().Replace(line.Data.Trim(), ""));
                while (relay._errors.Count > 1) relay._errors.Dequeue();
            }
        };
        ffmpeg.BeginErrorReadLine();
        relay._watch = Task.Run(relay.ReleaseTheDecoderIfNoStreamComes);
        return relay;
    }

    private async Task ReleaseTheDecoderIfNoStreamComes()
    {
        try
        {
            await _ffmpeg.WaitForExitAsync(_waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            if (_opened) return; // the stream flows: FFmpeg runs on until it ends, or the source is disposed
            Stop();
        }
        // A writer's non-blocking open fails while no reader waits on the FIFO, and on a loaded machine the decoder
        // (OpenCV loading its libraries) may come to it after FFmpeg has given up: try until its open has returned.
        while (!_opened)
        {
            var writer = Posix.open(FifoPath, Posix.O_WRONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC, 0);
            if (writer >= 0)
            {
                Posix.close(writer);
                return;
            }
            await Task.Delay(ReaderPoll).ConfigureAwait(false);
        }
    }

    /// <summary>The decoder has the stream: the answer timeout no longer applies.</summary>
    public void DecoderOpened()
    {
        _opened = true;
        _waiting.Cancel();
    }

    /// <summary>Why no stream came (FFmpeg's last error line, or the timeout).</summary>
    public string Failure(string url)
    {
        _watch.Wait();
        lock (_errors)
            return _errors.TryPeek(out var last) ? $"{url} cannot be read: {last}"
                : $"{url} cannot be read: no video came within {AnswerTimeout.TotalSeconds:0} s (the server is down or unreachable, the address is wrong, or it serves no video)";
    }

    /// <summary>FFmpeg's "[tcp @ 0x55d4f46df180] " before a message.</summary>
    [GeneratedRegex(@"^\[\w+ @ 0x[0-9a-f]+\] ")]
    private static partial Regex ComponentPrefix();

    private void Stop()
    {
        try
        {
            if (!_ffmpeg.HasExited) _ffmpeg.Kill();
            _ffmpeg.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // it had already gone
        }
    }

    /// <summary>Stops FFmpeg if it still runs (a live session ended by its user) and removes the FIFO.</summary>
    public void Dispose()
    {
        _opened = true;
        Stop();
        _watch.Wait();
        _ffmpeg.Dispose();
        _waiting.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
