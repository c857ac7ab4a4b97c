using System.Buffers.Binary;
using System.Text;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Sets the frame rate an AVI file declares. OpenCV's writer declares the rate it was given, but a camera delivers
/// what it can (a webcam set to 30 fps gives 15 in dim light; a raw MJPEG stream says 25 whatever it sends): a
/// recording declared at the wrong rate plays too fast or too slow, and ELAN's annotations, on the session's times,
/// drift from its picture. The rate is in the main header (<c>avih</c>: microseconds per frame) and in the video
/// stream's header (<c>strh</c>: rate / scale); both are set, in place.
/// </summary>
public static class AviFrameRate
{
    /// <summary>The headers sit at the start of the file, before any frame.</summary>
    private const int HeaderSearchBytes = 64 * 1024;

    public static void Set(string path, double fps)
    {
        if (!(fps > 0) || !double.IsFinite(fps)) throw new ArgumentOutOfRangeException(nameof(fps), fps, "a frame rate must be positive");
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        var head = new byte[(int)Math.Min(HeaderSearchBytes, file.Length)];
        file.ReadExactly(head);
        var main = Chunk(head, "avih", path);
        var stream = Chunk(head, "strh", path);
        if (Encoding.ASCII.GetString(head, stream, 4) != "vids") throw new InvalidDataException($"{path}: its first stream is not video");
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(main), (uint)Math.Round(1e6 / fps));
        const uint scale = 1000;
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(stream + 20), scale); // strh: fccType, fccHandler, dwFlags, wPriority+wLanguage, dwInitialFrames, then dwScale, dwRate
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(stream + 24), (uint)Math.Round(fps * scale));
        file.Position = 0;
        file.Write(head);
    }

    /// <summary>Where the data of the first chunk with this id begins (after its id and size).</summary>
    private static int Chunk(byte[] head, string id, string path)
    {
        var at = head.AsSpan().IndexOf(Encoding.ASCII.GetBytes(id));
        return at >= 0 && at + 8 + 28 <= head.Length ? at + 8 : throw new InvalidDataException($"{path} has no AVI '{id}' header");
    }
}
