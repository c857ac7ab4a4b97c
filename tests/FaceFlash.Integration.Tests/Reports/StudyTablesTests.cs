using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Reports;

namespace FaceFlash.Integration.Tests.Reports;

/// <summary>The study's two tables (<c>videos.csv</c>, <c>events.csv</c>), read the way a researcher's script reads them.</summary>
public sealed class StudyTablesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Result(string folder, string stem, string summary, params string[] events)
    {
        var dir = Directory.CreateDirectory(_dir.File(folder)).FullName;
        File.WriteAllText(Path.Combine(dir, stem + ".summary.json"), summary);
        // Rows of ten fields are an earlier build's, written before the frame columns.
        var header = events.Length > 0 && events.All(e => e.Split(',').Length == 10) ? EventsCsvWriter.EventsHeaderUntil20261206 : EventsCsvWriter.EventsHeader;
        File.WriteAllLines(Path.Combine(dir, stem + ".events.csv"), [header, .. events]);
        File.WriteAllLines(Path.Combine(dir, stem + ".blinks.csv"), [EventsCsvWriter.BlinksHeader, "0,1000,1200", "0,5000,5160"]);
    }

    [Fact]
    public void EveryVideosCountsAndEventsAreOneTableEachForStatistics()
    {
        Result("p01", "take", """{"status": "complete", "duration_s": 60.5, "fps_measured": 100, "frames_written": 6050, "frames_with_face": 6000, "face_time_s": 59.8, "reference_retakes": 3, "unmeasured_s": 1.25, "segmenter": {"micro_min_ms": 40, "micro_max_ms": 200}}""",
            "0,micro,1000,1040,1120,120,happiness,AU06+AU12,0.8,0,101,105,113", "0,macro,9000,9400,10000,1000,surprise,AU01+AU02+AU26,0.7,0,901,941,1001",
            "1,micro,20000,20040,20100,100,happiness,AU12,0.6,1,2001,2005,2011");
        // A video without events (a header alone, which R's rbind of per-video tables fails on), named with a comma;
        // a live session, which says how it ended and counts no frames with a face; its rate not measured (null), its
        // events file an earlier build's, without the frame columns.
        Result("p02", "rest, calm", """{"status": "complete", "duration_s": 30, "fps_measured": 25, "frames_written": 750, "frames_with_face": 750, "segmenter": {"micro_min_ms": 40, "micro_max_ms": 500}}""");
        Result("p02", "s1", """{"ended": "quit", "duration_s": 12.25, "fps_measured": null, "frames_processed": 300}""",
            "0,macro,2000,2300,4000,2000,sadness,AU01+AU04+AU15,0.5,0");

        var tables = new StudyTables();
        foreach (var (folder, stem) in new[] { ("p02", "s1"), ("p01", "take"), ("p02", "rest, calm") })
            tables.Add($"{folder}/{stem}", _dir.File(folder), stem, stem == "take" ? "a note, with a comma" : null);
        tables.Write(_dir.Path);

        var r = Pandas.Run("""
            import json, sys, pandas as pd
            videos = pd.read_csv(sys.argv[1] + "/videos.csv")
            events = pd.read_csv(sys.argv[1] + "/events.csv")
            rates = (videos.micro / videos.duration_s * 60).round(3)
            print(json.dumps({"videos": list(videos.video), "status": list(videos.status), "rates": list(rates),
                              "blinks": [int(x) for x in videos.blinks], "happiness": [int(x) for x in videos.happiness],
                              "na": [bool(x) for x in videos.fps_measured.isna()], "micro_max": [None if pd.isna(x) else int(x) for x in videos.micro_max_ms],
                              "note": [None if pd.isna(x) else x for x in videos.note],
                              "retakes": [None if pd.isna(x) else int(x) for x in videos.reference_retakes],
                              "unmeasured": [None if pd.isna(x) else float(x) for x in videos.unmeasured_s],
                              "events": [[v, k, int(o)] for v, k, o in zip(events.video, events.kind, events.onset_ms)],
                              "truncated": int(events.truncated.sum()),
                              "apex_frames": [None if pd.isna(x) else int(x) for x in events.apex_frame]}))
            """, _dir.Path);

        Assert.Equal(["p01/take", "p02/rest, calm", "p02/s1"], r.GetProperty("videos").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["complete", "complete", "quit"], r.GetProperty("status").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([1.983, 0, 0], r.GetProperty("rates").EnumerateArray().Select(v => v.GetDouble())); // 2 micro in 60.5 s
        Assert.Equal([2, 2, 2], r.GetProperty("blinks").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([2, 0, 0], r.GetProperty("happiness").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([false, false, true], r.GetProperty("na").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.Equal([200, 500, (int?)null], r.GetProperty("micro_max").EnumerateArray().Select(v => v.ValueKind == System.Text.Json.JsonValueKind.Null ? (int?)null : v.GetInt32()));
        // A summary of an earlier build, or of a video with no face, has no retakes: the cell is empty, not 0.
        Assert.Equal("[3,null,null]", r.GetProperty("retakes").GetRawText().Replace(" ", ""));
        Assert.Equal("[1.25,null,null]", r.GetProperty("unmeasured").GetRawText().Replace(" ", ""));
        Assert.Equal(["a note, with a comma", null, null], r.GetProperty("note").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("[[\"p01/take\",\"micro\",1000],[\"p01/take\",\"macro\",9000],[\"p01/take\",\"micro\",20000],[\"p02/s1\",\"macro\",2000]]",
            r.GetProperty("events").GetRawText().Replace(" ", ""));
        Assert.Equal(1, r.GetProperty("truncated").GetInt32());
        Assert.Equal("[105,941,2005,null]", r.GetProperty("apex_frames").GetRawText().Replace(" ", ""));
    }

    [Fact]
    public void ADamagedEventsFileIsThatVideosErrorAndLeavesTheTablesAsTheyWere()
    {
        Result("p01", "take", """{"status": "complete", "duration_s": 10}""", "0,micro,1000,1040");
        var tables = new StudyTables();
        var e = Assert.Throws<FormatException>(() => tables.Add("p01/take", _dir.File("p01"), "take", null));
        Assert.Contains("take.events.csv line 2", e.Message);
        tables.Write(_dir.Path);
        Assert.Equal([StudyTables.VideosHeader], File.ReadAllLines(_dir.File(StudyTables.VideosFile)));
    }
}
