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
        var inputs = InputList.Resolve([_dir.File("data")], null, _dir.File("out"));
        Assert.Equal([_dir.File("data/s1/a.mp4"), _dir.File("data/s2/deep/b.MKV")], inputs.Select(i => i.Source));
        Assert.Equal(_dir.File("out/s2/deep"), inputs[1].OutputDirectory);
        Assert.Equal("b", inputs[1].Stem);
    }

    [Fact]
    public void GlobsListFilesAndDuplicatesResolveToOneSortedList()
    {
        var a = Touch("v/a.mp4");
        var b = Touch("v/b.mp4");
        var c = Touch("w/c.avi");
        File.WriteAllLines(_dir.File("list.txt"), ["# my videos", c, "", a]);
        var inputs = InputList.Resolve([Path.Combine(_dir.Path, "v", "*.mp4"), a], _dir.File("list.txt"), null);
        Assert.Equal([a, b, c], inputs.Select(i => i.Source));
    }

    [Fact]
    public void SameNamedInputsGetDistinctOutputs()
    {
        var one = Touch("x/clip.mp4");
        var two = Touch("y/clip.mp4");
        var inputs = InputList.Resolve([one, two], null, _dir.File("out"));
        Assert.Equal(2, inputs.Select(i => Path.Combine(i.OutputDirectory, i.Stem)).Distinct().Count());
        Assert.All(inputs, i => Assert.StartsWith("clip_", i.Stem));
    }

    [Fact]
    public void MissingNamesStayInTheListToFailWithAReason()
    {
        var inputs = InputList.Resolve([_dir.File("gone.mp4")], null, null);
        Assert.Equal(_dir.File("gone.mp4"), Assert.Single(inputs).Source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(40)]
    public void ShardsCoverTheListExactlyOnce(int n)
    {
        for (var i = 0; i < 23; i++) Touch($"d/{i:00}.mp4");
        var all = InputList.Resolve([_dir.File("d")], null, null);
        var shards = Enumerable.Range(1, n).SelectMany(k => InputList.Shard(all, k, n)).Select(i => i.Source).ToList();
        Assert.Equal(all.Select(i => i.Source).Order(), shards.Order());
        Assert.Equal(shards.Count, shards.Distinct().Count());
    }
}
