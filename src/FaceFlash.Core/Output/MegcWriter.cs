using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// Spotting rows as MEGC spotting submissions use them, header <c>vid,onset,offset,type</c>: video, onset frame,
/// offset frame (1-based, as in the frames CSV) and type, <c>me</c> for a micro- and <c>mae</c> for a
/// macro-expression. Each video's rows go to <c>&lt;stem&gt;.megc.csv</c> (kept so a re-run that skips a video still
/// has them), and every video's rows in a folder are gathered in the folder's <c>megc.csv</c>, one file per set.
/// </summary>
public static class MegcWriter
{
    public const string Header = "vid,onset,offset,type";

    /// <summary>The header with the optional fifth column.</summary>
    public const string HeaderWithEmotion = Header + ",emotion";
    public const string PerVideoSuffix = ".megc.csv";
    public const string SetFile = "megc.csv";

    /// <param name="firstFrame">the number the video's first frame goes by: 1, as in the frames CSV; an image folder's
    /// first image's number (<c>img46.jpg</c> → 46), as its dataset's coding numbers its frames</param>
    public static void Write(string path, string video, IEnumerable<ExpressionEvent> events, bool withEmotion = false, long firstFrame = 1)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write((withEmotion ? HeaderWithEmotion : Header) + "\n");
        var row = new CsvRowWriter(file.Writer);
        foreach (var e in events.OrderBy(e => e.OnsetMs))
        {
            row.Text(video);
            row.Field(e.OnsetFrame - 1 + firstFrame);
            row.Field(e.OffsetFrame - 1 + firstFrame);
            row.Field(e.Kind == EventKind.Micro ? "me" : "mae");
            if (withEmotion) row.Field(Emotions.EmotionNames.Name(e.Emotion));
            row.EndRow();
        }
        file.Commit();
    }

    /// <summary>
    /// Gathers the per-video rows of a folder into its <see cref="SetFile"/>, videos in name order: those written
    /// with the same columns as this run's (a video analysed earlier with the other header is left out of the set).
    /// </summary>
    public static void WriteSet(string directory, bool withEmotion = false)
    {
        var header = withEmotion ? HeaderWithEmotion : Header;
        var parts = Directory.GetFiles(directory, "*" + PerVideoSuffix).Order(StringComparer.Ordinal)
            .Where(p => File.ReadLines(p).FirstOrDefault() == header).ToList();
        if (parts.Count == 0) return;
        using var file = new AtomicFile(Path.Combine(directory, SetFile));
        file.Writer.Write(header + "\n");
        foreach (var part in parts)
            foreach (var line in File.ReadLines(part).Skip(1))
                if (line.Length > 0) file.Writer.Write(line + "\n");
        file.Commit();
    }
}
