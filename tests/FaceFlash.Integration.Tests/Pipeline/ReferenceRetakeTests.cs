using System.Text.Json;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Pipeline;

/// <summary>The headtrackr capture whose man leans in and out and turns, and a GRID speaker who keeps still, analysed once.</summary>
public sealed class RetakenReferenceResults : IDisposable
{
    public TempDir Dir { get; } = new();

    public RetakenReferenceResults()
    {
        var moving = TestPaths.SharedVideo("headtrackr/capture5.mp4");
        var still = TestPaths.SharedVideo("grid/bbaf2n.mpg");
        Assert.Equal(0, FaceflashCli.Run("analyze", moving, still, "--out", Dir.Path, "--quiet").ExitCode);
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// The summary says how often the faces' AU references were retaken, and warns where that leaves little to measure;
/// the movements a retake cut off are listed as not reported, and the stretches set aside unmeasured are listed too.
/// </summary>
public sealed class ReferenceRetakeTests(RetakenReferenceResults results) : IClassFixture<RetakenReferenceResults>
{
    private readonly TempDir _dir = results.Dir;

    [Fact]
    public void AFaceWhoseReferenceIsRetakenAgainAndAgainIsWarnedOfAndWhatWasCutIsListed()
    {
        var (retakes, faceTimeS, unmeasuredS, warnings) = Summary("capture5");
        // As the frames file shows them: each face's rows marked reference_restarted after its first.
        Assert.Equal(RetakesInFramesFile("capture5"), retakes);
        Assert.True(retakes >= 8, $"{retakes} retakes");
        Assert.InRange(faceTimeS, 18, 19.1); // followed all through its 19 s
        // Some references were retaken again within a second: the measured rows between were set aside unmeasured.
        Assert.True(unmeasuredS >= 0.5, $"{unmeasuredS} s unmeasured");
        var setAside = ShortStretchesInFramesFile("capture5");
        Assert.Equal(setAside.Sum(s => s.Seconds), unmeasuredS, 0.002);
        // Each listed, with its face and frames.
        var listed = Unmeasured("capture5");
        Assert.Equal(setAside.Select(s => (s.FaceId, s.FirstFrame, s.LastFrame)).Order(), listed.Select(s => (s.FaceId, s.FirstFrame, s.LastFrame)).Order());
        Assert.All(listed, s => Assert.Equal("reference_too_brief", s.Reason));
        Assert.Contains(warnings, w => w.StartsWith($"the faces' AU references were retaken {retakes} times in", StringComparison.Ordinal)
            && w.Contains(FormattableString.Invariant($", and {unmeasuredS:0.#} s of that time could not be measured at all"), StringComparison.Ordinal));

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

    [Fact]
    public void AnExpressionCodedWhereTheFaceWasSetAsideUnmeasuredIsMissedUnseen()
    {
        // One coded expression in the middle of the longest stretch set aside, one where the face was measured
        // throughout (a run of 20 measured frames outside every stretch).
        var longest = Unmeasured("capture5").MaxBy(s => s.ToMs - s.FromMs);
        Assert.True(longest.ToMs - longest.FromMs >= 200, $"the longest stretch set aside is {longest.ToMs - longest.FromMs} ms");
        var csv = new FramesCsv(_dir.File("capture5.frames.csv"));
        var measured = csv.Rows.Where(r => csv.Success(r) && r[csv.Column("au_status")] == "measured").Select(r => csv.Value(r, "timestamp") * 1000).ToList();
        var setAside = Unmeasured("capture5");
        var seen = Enumerable.Range(0, measured.Count - 20).Select(i => (measured[i], measured[i + 19]))
            .First(run => run.Item2 - run.Item1 < 20 * 45 && setAside.All(s => s.ToMs < run.Item1 || s.FromMs > run.Item2));
        var middles = new[] { Math.Round((longest.FromMs + longest.ToMs) / 2), Math.Round((seen.Item1 + seen.Item2) / 2) };
        var truthDir = Directory.CreateDirectory(_dir.File("truth")).FullName;
        File.WriteAllText(Path.Combine(truthDir, "capture5.truth.json"), JsonSerializer.Serialize(new
        {
            video = "capture5.mp4", fps = 25, duration_ms = 19000, generator = "placed by a test", seed = 0, eye_distance_px = 0,
            events = middles.Select(m => new
            {
                kind = "micro", onset_ms = m - 60, apex_ms = m, offset_ms = m + 60, emotion = "surprise", aus = new[] { "AU01", "AU02" },
                side = (string?)null, amplitude_px = 0,
            }),
            blinks = Array.Empty<object>(),
        }));
        Assert.Equal(0, FaceflashCli.Run("eval", truthDir, _dir.Path, "--out", _dir.File("eval"), "--quiet").ExitCode);
        // misses.csv: clip, kind, onset_ms, offset_ms, emotion, aus, reason …
        var misses = File.ReadLines(_dir.File("eval/misses.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f => f[6]);
        Assert.Equal("not_measured", misses[middles[0] - 60]);
        Assert.NotEqual("not_measured", misses.GetValueOrDefault(middles[1] - 60, "found"));
    }

    [Fact]
    public void TheReportSaysHowMuchCouldNotBeMeasured()
    {
        Assert.Equal(0, FaceflashCli.Run("report", _dir.Path, "--out", _dir.File("pages"), "--quiet").ExitCode);
        var (_, faceTimeS, unmeasuredS, _) = Summary("capture5");
        Assert.Contains(FormattableString.Invariant($"<p id=\"not-measured\">{Unmeasured("capture5").Count} stretch(es) of the faces' time, {unmeasuredS:0.0} s, could not be measured"),
            File.ReadAllText(_dir.File("pages/capture5.report.html")));
        Assert.DoesNotContain("id=\"not-measured\"", File.ReadAllText(_dir.File("pages/bbaf2n.report.html")));
        // The index says it beside each video's counts, against the face time.
        var index = File.ReadAllText(_dir.File("pages/index.html"));
        Assert.Contains(FormattableString.Invariant($"<td class=\"unmeasured\">{unmeasuredS:0.0} of {faceTimeS:0.0}</td>"), index);
        Assert.Contains("<td class=\"unmeasured\">0.0 of 3.0</td>", index); // bbaf2n
    }

    private List<(int FaceId, double FromMs, double ToMs, long FirstFrame, long LastFrame, string Reason)> Unmeasured(string stem)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(_dir.File($"{stem}.summary.json")));
        return summary.RootElement.GetProperty("unmeasured").EnumerateArray().Select(s => (s.GetProperty("face_id").GetInt32(),
            s.GetProperty("from_ms").GetDouble(), s.GetProperty("to_ms").GetDouble(), s.GetProperty("from_frame").GetInt64(),
            s.GetProperty("to_frame").GetInt64(), s.GetProperty("reason").GetString()!)).ToList();
    }

    /// <summary>
    /// Each run of a face's measured rows that a row not measured (a retake, or no AUs) ends within a second of its
    /// start, as the frames file shows them: its face, first and last frame, and the seconds from the one to the other.
    /// </summary>
    private List<(int FaceId, long FirstFrame, long LastFrame, double Seconds)> ShortStretchesInFramesFile(string stem)
    {
        var csv = new FramesCsv(_dir.File($"{stem}.frames.csv"));
        var (faceId, status, time, frame) = (csv.Column("face_id"), csv.Column("au_status"), csv.Column("timestamp"), csv.Column("frame"));
        var stretches = new List<(int, long, long, double)>();
        foreach (var face in csv.Rows.Where(csv.Success).GroupBy(r => int.Parse(r[faceId])))
        {
            (double First, double Last, long FirstFrame, long LastFrame)? run = null;
            foreach (var row in face)
            {
                var (t, f) = (double.Parse(row[time], System.Globalization.CultureInfo.InvariantCulture), long.Parse(row[frame]));
                if (row[status] == "measured") run = (run?.First ?? t, t, run?.FirstFrame ?? f, f);
                else
                {
                    if (run is { } r && r.Last - r.First < 1) stretches.Add((face.Key, r.FirstFrame, r.LastFrame, r.Last - r.First));
                    run = null;
                }
            }
        }
        return stretches;
    }

    private int RetakesInFramesFile(string stem)
    {
        var csv = new FramesCsv(_dir.File($"{stem}.frames.csv"));
        var (faceId, status) = (csv.Column("face_id"), csv.Column("au_status"));
        return csv.Rows.Where(csv.Success).GroupBy(r => r[faceId]).Sum(face => face.Skip(1).Count(r => r[status] == "reference_restarted"));
    }
}
