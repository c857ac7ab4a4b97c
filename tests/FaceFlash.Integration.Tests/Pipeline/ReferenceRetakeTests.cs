using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>
/// The summary says how often the faces' AU references were retaken, and warns where that leaves little to measure;
/// the movements a retake cut off are listed as not reported.
/// </summary>
public sealed class ReferenceRetakeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFaceWhoseReferenceIsRetakenAgainAndAgainIsWarnedOfAndWhatWasCutIsListed()
    {
        // The headtrackr capture whose man leans in and out and turns, and a GRID speaker who keeps still.
        var moving = TestPaths.SharedVideo("headtrackr/capture5.mp4");
        var still = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", moving, still, "--out", _dir.Path, "--quiet").ExitCode);

        var (retakes, faceTimeS, unmeasuredS, warnings) = Summary("capture5");
        // As the frames file shows them: each face's rows marked reference_restarted after its first.
        Assert.Equal(RetakesInFramesFile("capture5"), retakes);
        Assert.True(retakes >= 8, $"{retakes} retakes");
        Assert.InRange(faceTimeS, 18, 19.1); // followed all through its 19 s
        // Some references were retaken again within a second: the measured rows between were set aside unmeasured.
        Assert.True(unmeasuredS >= 0.5, $"{unmeasuredS} s unmeasured");
        Assert.Equal(ShortStretchesInFramesFile("capture5"), unmeasuredS, 0.002);
        Assert.Contains(warnings, w => w.StartsWith($"the faces' AU references were retaken {retakes} times in", StringComparison.Ordinal));

        // A movement in progress at a retake is listed as not reported, ending on the frame before the one retaken.
        var csv = new FramesCsv(_dir.File("capture5.frames.csv"));
        var (frameColumn, statusColumn) = (csv.Column("frame"), csv.Column("au_status"));
        var retakenFrames = csv.Rows.Where(r => r[statusColumn] == "reference_restarted").Select(r => long.Parse(r[frameColumn])).ToHashSet();
        var cut = File.ReadLines(_dir.File("capture5.unreported.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[4] == "reference_retaken").ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, f => Assert.Contains(long.Parse(f[7]) + 1, retakenFrames));
        using (var summary = JsonDocument.Parse(File.ReadAllText(_dir.File("capture5.summary.json"))))
            Assert.Equal(cut.Count, summary.RootElement.GetProperty("not_reported").GetProperty("reference_retaken").GetInt32());

        (retakes, faceTimeS, unmeasuredS, warnings) = Summary("bbaf2n");
        Assert.Equal(0, retakes);
        Assert.InRange(faceTimeS, 2.9, 3.0);
        Assert.Equal(0, unmeasuredS);
        Assert.DoesNotContain(warnings, w => w.Contains("retaken"));
    }

    private (int Retakes, double FaceTimeS, double UnmeasuredS, List<string> Warnings) Summary(string stem)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File($"{stem}.summary.json")));
        var root = summary.RootElement;
        return (root.GetProperty("reference_retakes").GetInt32(), root.GetProperty("face_time_s").GetDouble(),
            root.GetProperty("unmeasured_s").GetDouble(), root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList());
    }

    /// <summary>
    /// Seconds from the first to the last row of each run of a face's measured rows that a row not measured (a retake,
    /// or no AUs) ends within a second of its start, as the frames file shows them.
    /// </summary>
    private double ShortStretchesInFramesFile(string stem)
    {
        var csv = new FramesCsv(_dir.File($"{stem}.frames.csv"));
        var (faceId, status, time) = (csv.Column("face_id"), csv.Column("au_status"), csv.Column("timestamp"));
        var total = 0.0;
        foreach (var face in csv.Rows.Where(csv.Success).GroupBy(r => r[faceId]))
        {
            (double First, double Last)? run = null;
            foreach (var row in face)
            {
                var t = double.Parse(row[time], System.Globalization.CultureInfo.InvariantCulture);
                if (row[status] == "measured") run = (run?.First ?? t, t);
                else
                {
                    if (run is { } r && r.Last - r.First < 1) total += r.Last - r.First;
                    run = null;
                }
            }
        }
        return total;
    }

    private int RetakesInFramesFile(string stem)
    {
        var csv = new FramesCsv(_dir.File($"{stem}.frames.csv"));
        var (faceId, status) = (csv.Column("face_id"), csv.Column("au_status"));
        return csv.Rows.Where(csv.Success).GroupBy(r => r[faceId]).Sum(face => face.Skip(1).Count(r => r[status] == "reference_restarted"));
    }
}
