using OpenCvSharp;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Watches a file's frames for the longest stretch in which the picture does not change at all. Encoders repeat a
/// frame now and then (the bench clip's longest run: 3 frames; the shared videos' 1), but OpenCV's reader, once a
/// joined file's frame size changes, hands back the last frame of the first size for the rest of the file — which
/// reads as a face holding perfectly still. Each frame is compared by a fingerprint of a 32 × 32 grid of its pixels.
/// </summary>
public sealed class UnchangedPicture
{
    /// <summary>A picture unchanged for this long is worth a warning.</summary>
    public const double WarnFromMs = 1000;

    private const int Grid = 32;
    private ulong _previous;
    private bool _seen;
    private long _sinceFrame;
    private double _sinceMs;

    /// <summary>The longest stretch so far: its first frame (0-based) and how long the picture stayed as it was.</summary>
    public (long FromFrame, double DurationMs)? Longest { get; private set; }

    public void Add(Mat frame, long index, double timestampMs)
    {
        var fingerprint = Fingerprint(frame);
        if (!_seen || fingerprint != _previous) (_sinceFrame, _sinceMs) = (index, timestampMs);
        else if (timestampMs - _sinceMs is var duration && (Longest is not { } longest || duration > longest.DurationMs))
            Longest = (_sinceFrame, duration);
        (_previous, _seen) = (fingerprint, true);
    }

    /// <summary>FNV-1a over the bytes of a grid of pixels (all channels).</summary>
    private static unsafe ulong Fingerprint(Mat frame)
    {
        var hash = 14695981039346656037UL;
        var (rows, cols, pixelBytes, step) = (frame.Rows, frame.Cols, (int)frame.ElemSize(), frame.Step());
        var data = (byte*)frame.DataPointer;
        for (var gy = 0; gy < Grid; gy++)
        {
            var row = data + (long)(gy * (rows - 1) / (Grid - 1)) * step;
            for (var gx = 0; gx < Grid; gx++)
            {
                var pixel = row + (long)(gx * (cols - 1) / (Grid - 1)) * pixelBytes;
                for (var b = 0; b < pixelBytes; b++) hash = (hash ^ pixel[b]) * 1099511628211UL;
            }
        }
        return hash;
    }
}
