using FaceFlash.Core.Text;

namespace FaceFlash.Core.Tests.Text;

public sealed class BoundedTextTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ASmallTextFileIsReadWhole()
    {
        var path = Path.Combine(_dir, "list.txt");
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"videos/take{i}.mp4")); // over one 64 K chunk
        File.WriteAllText(path, text);
        Assert.Equal(text, BoundedText.Read(path, 1_000_000, "a list of inputs"));
        Assert.Equal(text, BoundedText.Read(path, text.Length, "a list of inputs")); // exactly at the limit
    }

    [Fact]
    public void AFileLongerThanTheLimitIsRefused()
    {
        var path = Path.Combine(_dir, "long.txt");
        File.WriteAllText(path, new string('a', 101));
        Assert.Equal("longer than 100 characters, so not a calibration file",
            Assert.Throws<FormatException>(() => BoundedText.Read(path, 100, "a calibration file")).Message);
    }

    [Fact]
    public void BinaryDataIsRefused()
    {
        var path = Path.Combine(_dir, "clip.mp4");
        File.WriteAllBytes(path, [0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p']);
        Assert.Equal("binary data, not a list of inputs", Assert.Throws<FormatException>(() => BoundedText.Read(path, 1000, "a list of inputs")).Message);
    }
}
