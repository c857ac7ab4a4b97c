using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.events.csv</c> (<c>face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated</c>)
/// and <c>&lt;stem&gt;.blinks.csv</c> (<c>face_id,onset_ms,offset_ms</c>), written as events are flagged.
/// </summary>
public sealed class EventsCsvWriter : IDisposable
{
    public const string EventsHeader = "face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated";
    public const string BlinksHeader = "face_id,onset_ms,offset_ms";

    private readonly AtomicFile _events;
    private readonly AtomicFile _blinks;
    private readonly CsvRowWriter _eventRow;
    private readonly CsvRowWriter _blinkRow;

    public EventsCsvWriter(string eventsPath, string blinksPath)
    {
        _events = new AtomicFile(eventsPath);
        _blinks = new AtomicFile(blinksPath);
        _events.Writer.Write(EventsHeader + "\n");
        _blinks.Writer.Write(BlinksHeader + "\n");
        _eventRow = new CsvRowWriter(_events.Writer);
        _blinkRow = new CsvRowWriter(_blinks.Writer);
    }

    public void Write(ExpressionEvent e)
    {
        _eventRow.Field(e.FaceId);
        _eventRow.Field(e.KindName);
        _eventRow.Field(e.OnsetMs, "0.#");
        _eventRow.Field(e.ApexMs, "0.#");
        _eventRow.Field(e.OffsetMs, "0.#");
        _eventRow.Field(e.DurationMs, "0.#");
        _eventRow.Field(EmotionNames.Name(e.Emotion));
        _eventRow.Field(e.Aus);
        _eventRow.Field(e.Confidence, "0.###");
        _eventRow.Field(e.Truncated ? 1 : 0);
        _eventRow.EndRow();
        _events.Writer.Flush(); // live listeners tail the file
    }

    public void Write(BlinkEvent b)
    {
        _blinkRow.Field(b.FaceId);
        _blinkRow.Field(b.OnsetMs, "0.#");
        _blinkRow.Field(b.OffsetMs, "0.#");
        _blinkRow.EndRow();
    }

    public void Commit()
    {
        _events.Commit();
        _blinks.Commit();
    }

    public void Dispose()
    {
        _events.Dispose();
        _blinks.Dispose();
    }
}
