using System.Runtime.InteropServices;

namespace FaceFlash.Vision.Capture;

/// <summary>
/// Tells a FIFO or a device from a regular file: .NET reports them all as "Normal", but a FIFO is a live source
/// (stamped by the clock) while an empty file is bad input, and only a regular file can be read twice.
/// </summary>
internal static partial class UnixFileType
{
    private const uint TypeMask = 0xF000;
    private const uint Fifo = 0x1000;
    private const uint Regular = 0x8000;
    private const int ModeOffsetLinuxX64 = 24; // struct stat: st_dev, st_ino, st_nlink (8 bytes each), then st_mode

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, Span<byte> buffer);

    public static bool IsFifo(string path) => Type(path) == Fifo;

    /// <summary>Whether the path leads to something, every link on it followed (.NET's File.Exists takes a broken link for a file).</summary>
    public static bool IsReachable(string path) =>
        !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 ? File.Exists(path) : Type(path) is not null;

    /// <summary>A regular file (not a FIFO, device, socket or folder); elsewhere than Linux x64, whatever .NET calls a file.</summary>
    public static bool IsRegularFile(string path) =>
        !OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 ? File.Exists(path) : Type(path) == Regular;

    private static uint? Type(string path)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return null;
        Span<byte> buffer = stackalloc byte[256];
        return Stat(path, buffer) == 0 ? BitConverter.ToUInt32(buffer[ModeOffsetLinuxX64..]) & TypeMask : null;
    }
}
