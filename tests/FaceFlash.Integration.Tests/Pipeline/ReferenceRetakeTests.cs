using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>The summary says how often the faces' AU references were retaken, and warns where that leaves little to measure.</summary>
public sealed class ReferenceRetakeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFaceWhoseReferenceIsRetakenAgainAndAgainIsWarnedOf()
    {
        // The headtrackr capture whose man leans in and out and turns, and a GRID speaker who keeps still.
        var moving = TestPaths.SharedVideo("headtrackr/capture5.mp4");
        var still = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", moving, still, "--out", _dir.Path, "--quiet").ExitCode);

        var (retakes, faceTimeS, warnings) = Summary("capture5");
        // As the frames file shows them: each face's rows marked reference_restarted after its first.
        Assert.Equal(RetakesInFramesFile("capture5"), retakes);
        Assert.True(retakes >= 8, $"{retakes} retakes");
        Assert.InRange(faceTimeS, 18, 19.1); // followed all through its 19 s
        Assert.Contains(warnings, w => w.StartsWith($"the faces' AU references were retaken {retakes} times in", StringComparison.Ordinal));

        (retakes, faceTimeS, warnings) = Summary("bbaf2n");
        Assert.Equal(0, retakes);
        Assert.InRange(faceTimeS, 2.9, 3.0);
        Assert.DoesNotContain(warnings, w => w.Contains("retaken"));
    }

    private (int Retakes, double FaceTimeS, List<string> Warnings) Summary(string stem)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File($"{stem}.summary.json")));
        var root = summary.RootElement;
        return (root.GetProperty("reference_retakes").GetInt32(), root.GetProperty("face_time_s").GetDouble(),
            root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList());
    }

    private int RetakesInFramesFile(string stem)
    {
        var csv = new FramesCsv(_dir.File($"{stem}.frames.csv"));
        var (faceId, status) = (csv.Column("face_id"), csv.Column("au_status"));
        return csv.Rows.Where(csv.Success).GroupBy(r => r[faceId]).Sum(face => face.Skip(1).Count(r => r[status] == "reference_restarted"));
    }
}
