using FaceFlash.Core.Output;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>The end-of-run event formats asked for with <c>--format</c> (MEGC rows, an ELAN document), for batch and live alike.</summary>
public static class EventFormatFiles
{
    /// <summary>
    /// Writes each requested format from the run's events; returns the paths written. <paramref name="timeSeries"/>
    /// (an AU time-series configuration and its CSVs) is linked from the ELAN document, as is <paramref name="media"/>,
    /// the video the times belong to (none for a stream or camera that left no file).
    /// </summary>
    /// <param name="firstFrame">the number the input's first frame goes by in MEGC rows (an image folder's first image's)</param>
    /// <param name="markers">a live session's hand markers, a tier of the ELAN document</param>
    /// <param name="unmeasured">the faces' stretches in which no movement could be reported, a tier of the ELAN document</param>
    public static List<string> Write(OutputPaths paths, string? media, AnalysisSettings settings, EventsSink events, IReadOnlyList<string>? timeSeries = null,
        long firstFrame = 1, IReadOnlyList<HandMarker>? markers = null, IReadOnlyList<Core.Segmentation.UnmeasuredStretch>? unmeasured = null)
    {
        var (formats, written) = (settings.Formats, new List<string>());
        if (formats.Contains("megc"))
        {
            MegcWriter.Write(paths.Megc, paths.Stem, events.Events, settings.MegcEmotion, firstFrame);
            written.Add(paths.Megc);
        }
        if (formats.Contains("elan"))
        {
            ElanWriter.Write(paths.Elan, media, events.Events, events.Blinks, timeSeries ?? [], markers, events.Unreported, unmeasured ?? []);
            written.Add(paths.Elan);
        }
        return written;
    }
}
