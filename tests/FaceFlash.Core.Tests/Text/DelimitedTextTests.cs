using FaceFlash.Core.Text;

namespace FaceFlash.Core.Tests.Text;

public sealed class DelimitedTextTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void RecordsAreReadByTheHeadersNamesShortRowsWithTheirLastCellsEmpty()
    {
        File.WriteAllText(_path, "clip,kind,emotion\n\"a, b\",micro,\"say \"\"hi\"\"\"\n\nc,macro\n");
        var records = DelimitedText.Records(_path);
        Assert.Equal([("a, b", "micro", "say \"hi\""), ("c", "macro", "")], records.Select(r => (r["clip"], r["kind"], r["emotion"])));
        // Row i is the file's line i + 1, the blank one kept empty.
        Assert.Equal([3, 0, 2], DelimitedText.Rows(_path, ',').Skip(1).Select(r => r.Length));
    }

    [Fact]
    public void AQuoteNeverClosedIsAFormatException()
    {
        File.WriteAllText(_path, "clip,kind\n\"a,micro\n");
        Assert.Throws<FormatException>(() => DelimitedText.Rows(_path, ','));
    }
}
