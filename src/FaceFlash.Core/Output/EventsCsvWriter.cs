using FaceFlash.Core.Emotions;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Core.Output;

/// <summary>
/// <c>&lt;stem&gt;.events.csv</c> (<c>face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated,onset_frame,apex_frame,offset_frame</c>)
/// and <c>&lt;stem&gt;.blinks.csv</c> (<c>face_id,onset_ms,offset_ms,onset_frame,offset_frame,truncated</c>), written as events are flagged; and
/// <c>&lt;stem&gt;.unreported.csv</c> (<c>face_id,onset_ms,offset_ms,duration_ms,reason,aus,onset_frame,offset_frame</c>), the candidate movements
/// that were judged and not reported.
/// </summary>
public sealed class EventsCsvWriter : IDisposable
{
    public const string EventsHeader = EventsHeaderUntil20261206 + ",onset_frame,apex_frame,offset_frame";

    /// <summary>
    /// The events file's header before the frame columns were added (2026-12-06): still read, so results made with an
    /// earlier build can be evaluated and reported. The new columns come last, so scripts that read columns by
    /// position read the first ten as before.
    /// </summary>
    public const string EventsHeaderUntil20261206 = "face_id,kind,onset_ms,apex_ms,offset_ms,duration_ms,emotion,aus,confidence,truncated";
    public const string BlinksHeader = BlinksHeaderUntil20261206 + ",truncated";

    /// <summary>The blinks file's header before its <c>truncated</c> column was added at its end (2026-12-06): still read.</summary>
    public const string BlinksHeaderUntil20261206 = "face_id,onset_ms,offset_ms,onset_frame,offset_frame";
    public const string UnreportedHeader = UnreportedHeaderUntil20261206 + ",onset_frame,offset_frame";

    /// <summary>The unreported movements' header before their frame columns were added at its end (2026-12-06): still read.</summary>
    public const string UnreportedHeaderUntil20261206 = "face_id,onset_ms,offset_ms,duration_ms,reason,aus";

    private readonly AtomicFile _events;
    private readonly AtomicFile _blinks;
    private readonly AtomicFile _unreported;
    private readonly CsvRowWriter _eventRow;
    private readonly CsvRowWriter _blinkRow;
    private readonly CsvRowWriter _unreportedRow;

    public EventsCsvWriter(string eventsPath, string blinksPath, string unreportedPath)
    {
        _events = new AtomicFile(eventsPath);
        _blinks = new AtomicFile(blinksPath);
        _unreported = new AtomicFile(unreportedPath);
        _events.Writer.Write(EventsHeader + "\n");
        _blinks.Writer.Write(BlinksHeader + "\n");
        _unreported.Writer.Write(UnreportedHeader + "\n");
        _eventRow = new CsvRowWriter(_events.Writer);
        _blinkRow = new CsvRowWriter(_blinks.Writer);
        _unreportedRow = new CsvRowWriter(_unreported.Writer);
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
        _eventRow.Field(e.OnsetFrame);
        _eventRow.Field(e.ApexFrame);
        _eventRow.Field(e.OffsetFrame);
        _eventRow.EndRow();
        _events.Writer.Flush(); // live listeners tail the file
    }

    public void Write(BlinkEvent b)
    {
        _blinkRow.Field(b.FaceId);
        _blinkRow.Field(b.OnsetMs, "0.#");
        _blinkRow.Field(b.OffsetMs, "0.#");
        _blinkRow.Field(b.OnsetFrame);
        _blinkRow.Field(b.OffsetFrame);
        _blinkRow.Field(b.Truncated ? 1 : 0);
        _blinkRow.EndRow();
    }

    public void Write(UnreportedMovement m)
    {
        _unreportedRow.Field(m.FaceId);
        _unreportedRow.Field(m.OnsetMs, "0.#");
        _unreportedRow.Field(m.OffsetMs, "0.#");
        _unreportedRow.Field(m.DurationMs, "0.#");
        _unreportedRow.Field(m.Reason.Name());
        _unreportedRow.Field(m.Aus);
        _unreportedRow.Field(m.OnsetFrame);
        _unreportedRow.Field(m.OffsetFrame);
        _unreportedRow.EndRow();
    }

    public void Commit()
    {
        _events.Commit();
        _blinks.Commit();
        _unreported.Commit();
    }

    public void Dispose()
    {
        _events.Dispose();
        _blinks.Dispose();
        _unreported.Dispose();
    }
}
