using FaceFlash.Core.Output;
using Xunit;

namespace FaceFlash.Core.Tests.Output;

public sealed class AtomicFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-atomic-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Target => Path.Combine(_dir, "take.aligned");

    private void Fill(AtomicFolder folder, params string[] names)
    {
        foreach (var name in names) File.WriteAllText(folder.File(name), name);
    }

    [Fact]
    public void AFolderAppearsUnderItsNameOnlyWhenCommitted()
    {
        using (var folder = new AtomicFolder(Target))
        {
            Fill(folder, "a.png", "b.png");
            Assert.False(Directory.Exists(Target));
            folder.Commit();
        }
        Assert.Equal(["a.png", "b.png"], Directory.GetFiles(Target).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetDirectories(_dir)); // no temporary left
    }

    [Fact]
    public void ACompleteEarlierFolderIsReplacedOnlyByACompleteOne()
    {
        using (var first = new AtomicFolder(Target))
        {
            Fill(first, "old.png");
            first.Commit();
        }
        using (var interrupted = new AtomicFolder(Target)) Fill(interrupted, "half.png"); // disposed uncommitted
        Assert.Equal(["old.png"], Directory.GetFiles(Target).Select(Path.GetFileName));
        using (var redone = new AtomicFolder(Target))
        {
            Fill(redone, "new.png");
            redone.Commit();
        }
        Assert.Equal(["new.png"], Directory.GetFiles(Target).Select(Path.GetFileName));
        Assert.Single(Directory.GetDirectories(_dir)); // the earlier folder and the temporaries are gone
    }
}
