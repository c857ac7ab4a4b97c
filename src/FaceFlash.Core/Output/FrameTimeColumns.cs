using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;

namespace FaceFlash.Core.Output;

/// <summary>
/// The columns that place a row on a session's timelines: <c>frame</c> (1-based), <c>timestamp_ms</c> (the frame's
/// originating time) and the wall clock at grab, <c>wall_clock_utc</c> (ISO 8601) and <c>unix_ms</c>. Shared by the
/// raw recording's timestamps and the hand markers, so both line up with the events and with other lab recordings.
/// </summary>
public static class FrameTimeColumns
{
    public const string Header = "frame,timestamp_ms,wall_clock_utc,unix_ms";

    public static void Write(CsvRowWriter row, FrameEnvelope frame, WallClock wall)
    {
        var at = wall.At(frame.GrabbedAtMs);
        row.Field(frame.Index + 1);
        row.Field(frame.OriginatingTimeMs, "0.###");
        row.Field(WallClock.Iso(at));
        row.Field(at.ToUnixTimeMilliseconds());
    }
}
