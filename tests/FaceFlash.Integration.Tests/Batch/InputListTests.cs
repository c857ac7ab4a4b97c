using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline.Batch;

namespace FaceFlash.Integration.Tests.Batch;

public sealed class InputListTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Touch(string relative)
    {
        var path = _dir.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void FoldersAreSearchedRecursivelyForVideosAndMirroredUnderTheOutputFolder()
    {
        Touch("data/s1/a.mp4");
        Touch("data/s1/notes.txt");
        Touch("data/s2/deep/b.MKV");
        Touch("data/s2/deep/c.mxf"); // a professional camcorder's
        var inputs = InputList.Resolve([_dir.File("data")], null, _dir.File("out"), TestContext.Current.CancellationToken);
        Assert.Equal([_dir.File("data/s1/a.mp4"), _dir.File("data/s2/deep/b.MKV"), _dir.File("data/s2/deep/c.mxf")], inputs.Select(i => i.Source));
        Assert.Equal(_dir.File("out/s2/deep"), inputs[1].OutputDirectory);
        Assert.Equal("b", inputs[1].Stem);
    }

    [Fact]
    public void HiddenFilesAndFoldersArePassedOverWhenAFolderIsWalked()
    {
        Touch("data/clip.mp4");
        Touch("data/._clip.mp4");               // a Mac's metadata beside each file on a shared drive
        Touch("data/.Trash-1000/files/old.mp4"); // deleted, on a removable drive
        var walked = InputList.Resolve([_dir.File("data")], null, null, TestContext.Current.CancellationToken);
        Assert.Equal([_dir.File("data/clip.mp4")], walked.Select(i => i.Source));
        var named = InputList.Resolve([_dir.File("data/._clip.mp4")], null, null, TestContext.Current.CancellationToken);
        Assert.Equal([_dir.File("data/._clip.mp4")], named.Select(i => i.Source)); // named, it is analysed (and fails with its reason)
    }

    [Fact]
    public void ImageFoldersAreInputsButAResultsFolderWithItsTimelineImagesIsNot()
    {
        Touch("data/sub01/EP02_01f/img46.jpg");
        Touch("data/sub01/EP02_01f/img47.jpg");
        Touch("data/results/faceflash-manifest.json"); // analyze data --out data/results, then report --png
        Touch("data/results/sub01/EP02_01f.face0.timeline.png");
        Touch("data/results/sub01/EP03_02.face0.timeline.png");
        Touch("data/results/sub01/faceflash-manifest.json");
        var inputs = InputList.Resolve([_dir.File("data")], null, _dir.File("data/results"), TestContext.Current.CancellationToken);
        Assert.Equal([_dir.File("data/sub01/EP02_01f")], inputs.Select(i => i.Source));
    }

    [Fact]
    public void SymbolicLinkLoopsAreWalkedOnceAndLinksElsewhereAreFollowed()
    {
        Touch("data/a.mp4");
        Touch("data/sub/b.mp4");
        Touch("elsewhere/c.mp4");
        Directory.CreateSymbolicLink(_dir.File("data/sub/up"), _dir.File("data"));       // a loop back to the top
        Directory.CreateSymbolicLink(_dir.File("data/sub/self"), ".");                   // a loop onto itself
        Directory.CreateSymbolicLink(_dir.File("data/sub/up/again"), _dir.File("data/sub")); // a second loop, through the first
        Directory.CreateSymbolicLink(_dir.File("data/ext"), _dir.File("elsewhere"));     // a link out of the tree
        var inputs = InputList.Resolve([_dir.File("data")], null, _dir.File("out"), TestContext.Current.CancellationToken);
        Assert.Equal(["a.mp4", "b.mp4", "c.mp4"], inputs.Select(i => Path.GetFileName(i.Source)).Order());
        Assert.Equal(_dir.File("out/ext"), inputs.Single(i => i.Stem == "c").OutputDirectory); // mirrored by the path walked
    }

    [Fact]
    public void WalkingAFolderStopsWhenCancelled()
    {
        Touch("data/a.mp4");
        Assert.Throws<OperationCanceledException>(() => InputList.Resolve([_dir.File("data")], null, null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void GlobsListFilesAndDuplicatesResolveToOneSortedList()
    {
        var a = Touch("v/a.mp4");
        var b = Touch("v/b.mp4");
        var c = Touch("w/c.avi");
        File.WriteAllLines(_dir.File("list.txt"), ["# my videos", c, "", a]);
        var inputs = InputList.Resolve([Path.Combine(_dir.Path, "v", "*.mp4"), a], _dir.File("list.txt"), null, TestContext.Current.CancellationToken);
        Assert.Equal([a, b, c], inputs.Select(i => i.Source));
    }

    [Fact]
    public void SameNamedInputsGetDistinctOutputs()
    {
        var one = Touch("x/clip.mp4");
        var two = Touch("y/clip.mp4");
        var inputs = InputList.Resolve([one, two], null, _dir.File("out"), TestContext.Current.CancellationToken);
        Assert.Equal(2, inputs.Select(i => Path.Combine(i.OutputDirectory, i.Stem)).Distinct().Count());
        Assert.All(inputs, i => Assert.StartsWith("clip_", i.Stem));
    }

    [Fact]
    public void MissingNamesStayInTheListToFailWithAReason()
    {
        var inputs = InputList.Resolve([_dir.File("gone.mp4")], null, null, TestContext.Current.CancellationToken);
        Assert.Equal(_dir.File("gone.mp4"), Assert.Single(inputs).Source);
    }

    [Fact]
    public void ImagesBesideVideosAreNoImageSequenceAndAreSaid()
    {
        // A participant's folder: the session's video, a photo of the set-up and a scanned form. The folder was also
        // analysed as a two-image "sequence".
        Touch("data/P01/session.mp4");
        Touch("data/P01/setup.jpg");
        Touch("data/P01/consent.png");
        var said = new List<string>();
        var inputs = InputList.Resolve([_dir.File("data")], null, null, TestContext.Current.CancellationToken, said.Add);
        Assert.Equal([_dir.File("data/P01/session.mp4")], inputs.Select(i => i.Source));
        Assert.StartsWith($"{_dir.File("data/P01")}: its images lie beside videos", Assert.Single(said));
    }

    [Fact]
    public void AFolderOrGlobThatYieldsNothingIsSaid()
    {
        Touch("data/sub01/EP01.mp4");
        Touch("empty/notes.txt");
        var said = new List<string>();
        var inputs = InputList.Resolve([_dir.File("data"), _dir.File("empty"), _dir.File("data/**/*.avi"), _dir.File("data/**/*.mp4")], null, null,
            TestContext.Current.CancellationToken, said.Add);
        Assert.Equal(_dir.File("data/sub01/EP01.mp4"), Assert.Single(inputs).Source);
        Assert.Equal([$"{_dir.File("empty")} holds no video (by its name's ending) and no folder of images", $"{_dir.File("data/**/*.avi")} matches no file"], said);
    }

    [Theory]
    // /dev/fd lists this process's own open handles, the walk's among them, gone by the time they are walked into:
    // "Could not find a part of the path '/dev/fd/86'" ended `faceflash analyze /dev` as an unexpected failure.
    [InlineData("/dev")]
    // Unreadable even to root in a container ("Access to the path '/proc/1/fdinfo' is denied"), as a folder of
    // another user's is: `faceflash analyze /` ended there.
    [InlineData("/proc/1/fdinfo")]
    public void AFolderThatGoesAwayOrCannotBeReadWhileWalkedIsWalkedPast(string folder)
    {
        var said = new List<string>();
        var inputs = InputList.Resolve([folder], null, _dir.File("out"), TestContext.Current.CancellationToken, said.Add);
        Assert.Empty(inputs);
        Assert.Single(said);
    }

    [Fact]
    public void AListFileThatIsNoTextIsRefusedInOneLine()
    {
        // A video or a device named by mistake: a NUL in a path was an unexpected failure, /dev/zero filled memory.
        File.WriteAllBytes(_dir.File("clip.mp4"), [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p']);
        foreach (var list in new[] { _dir.File("clip.mp4"), "/dev/zero" })
        {
            var e = Assert.Throws<FormatException>(() => InputList.Resolve([], list, null, TestContext.Current.CancellationToken));
            Assert.Equal($"list file {list}: binary data, not a list of inputs, one per line", e.Message);
        }
        File.WriteAllText(_dir.File("list.txt"), "a.mp4\r\n# a comment\r\n\r\n b.mp4 \r\n");
        // Still read as before: Windows line ends, comments, blank lines, spaces around a name; relative to the current folder.
        Assert.Equal([Path.GetFullPath("a.mp4"), Path.GetFullPath("b.mp4")],
            InputList.Resolve([], _dir.File("list.txt"), null, TestContext.Current.CancellationToken).Select(i => i.Source));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void ShardsCoverTheListExactlyOnce(int n)
    {
        for (var i = 0; i < 23; i++) Touch($"d/{i:00}.mp4");
        var all = InputList.Resolve([_dir.File("d")], null, null, TestContext.Current.CancellationToken);
        var shards = Enumerable.Range(1, n).SelectMany(k => InputList.Shard(all, k, n)).Select(i => i.Source).ToList();
        Assert.Equal(all.Select(i => i.Source).Order(), shards.Order());
        Assert.Equal(shards.Count, shards.Distinct().Count());
    }
}
