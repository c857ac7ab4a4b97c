using System.Text;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Tests.Output;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-atomic-").FullName;
    private string Path => System.IO.Path.Combine(_dir, "take.events.csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AFileAppearsUnderItsNameOnlyWhenCommitted()
    {
        using (var file = new AtomicFile(Path))
        {
            file.Writer.WriteLine("face_id,kind");
            file.Writer.Flush();
            Assert.False(File.Exists(Path));
            Assert.Equal([file.TemporaryPath], AtomicFile.TemporariesOf(Path));
            Assert.StartsWith(Path + ".", file.TemporaryPath);
            Assert.EndsWith(AtomicFile.PartialSuffix, file.TemporaryPath);
            file.Commit();
            file.Commit(); // once is enough; again changes nothing
        }
        // UTF-8 without a byte-order mark (R's read.csv would read one into the first column's name) and "\n" line ends.
        Assert.Equal("face_id,kind\n"u8.ToArray(), File.ReadAllBytes(Path));
        Assert.Empty(AtomicFile.TemporariesOf(Path));
    }

    [Fact]
    public void AFileNotCommittedLeavesTheCompleteEarlierOneAsItWas()
    {
        AtomicFile.WriteAllText(Path, "complete\n");
        using (var file = new AtomicFile(Path))
            file.Writer.Write("half a r");
        Assert.Equal("complete\n", File.ReadAllText(Path));
        Assert.Empty(AtomicFile.TemporariesOf(Path));
        AtomicFile.WriteAllText(Path, "newer\n");
        Assert.Equal("newer\n", File.ReadAllText(Path));
    }

    [Fact]
    public void TwoWritersOfOneNameWriteApartAndTheLastCommitStands()
    {
        using var first = new AtomicFile(Path);
        using var second = new AtomicFile(Path);
        Assert.NotEqual(first.TemporaryPath, second.TemporaryPath);
        // Another file whose name begins with this one's is not taken for one of its temporaries.
        using var other = new AtomicFile(Path + ".bak");
        Assert.Equal(new[] { first.TemporaryPath, second.TemporaryPath }.Order(), AtomicFile.TemporariesOf(Path).Order());
        first.Writer.Write("first");
        second.Writer.Write("second");
        second.Commit();
        first.Commit();
        Assert.Equal("first", File.ReadAllText(Path));
    }

    [Fact]
    public void ABinaryFileIsWrittenWholeAsItIs()
    {
        var png = System.IO.Path.Combine(_dir, "eval.png");
        byte[] bytes = [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0xFF, 0x0A];
        AtomicFile.WriteAllBytes(png, bytes);
        Assert.Equal(bytes, File.ReadAllBytes(png));
        Assert.Empty(AtomicFile.TemporariesOf(png));
        Assert.Empty(AtomicFile.TemporariesOf(System.IO.Path.Combine(_dir, "missing", "x.csv")));
    }
}
