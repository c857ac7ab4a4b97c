using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.megc.csv</c>: spotting rows as MEGC spotting submissions use them — video, onset frame, offset
/// frame (1-based, as in the frames CSV) and type, <c>me</c> for a micro- and <c>mae</c> for a macro-expression.
/// </summary>
public static class MegcWriter
{
    public const string Header = "video,onset_frame,offset_frame,type";

    public static void Write(string path, string video, IEnumerable<ExpressionEvent> events)
    {
        using var file = new AtomicFile(path);
        file.Writer.Write(Header + "\n");
        var row = new CsvRowWriter(file.Writer);
        foreach (var e in events.OrderBy(e => e.OnsetMs))
        {
            row.Field(video);
            row.Field(e.OnsetFrame);
            row.Field(e.OffsetFrame);
            row.Field(e.Kind == EventKind.Micro ? "me" : "mae");
            row.EndRow();
        }
        file.Commit();
    }
}
