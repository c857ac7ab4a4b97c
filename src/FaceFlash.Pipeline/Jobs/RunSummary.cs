using System.Text.Json;

namespace FaceFlash.Pipeline.Jobs;

/// <summary><c>&lt;stem&gt;.summary.json</c>: what was read, how fast, and what was found.</summary>
public sealed record RunSummary
{
    public required string Input { get; init; }
    public required string Status { get; init; }
    public required string FaceflashVersion { get; init; }
    public required IReadOnlyDictionary<string, string> Models { get; init; }

    /// <summary>The frames' size as analysed: an anamorphic video's is stretched to square pixels (see <see cref="PixelAspectRatio"/>).</summary>
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>A stored pixel's width over its height (1: square); where not 1, frames were stretched to square pixels and every coordinate is in those.</summary>
    public double PixelAspectRatio { get; init; } = 1;

    /// <summary>Where the frames' times came from (see <see cref="Vision.Capture.VideoSource.TimeSource"/>).</summary>
    public string? TimeSource { get; init; }

    public long FramesRead { get; init; }
    public long FramesWritten { get; init; }
    public long FramesDropped { get; init; }

    /// <summary>Which durations count as micro: "40–200 ms", or "40–500 ms (MEGC)" when MEGC rows set it.</summary>
    public string? MicroDefinition { get; init; }

    /// <summary>Frames of a damaged file that could not be decoded, and the gaps they left (see the status "incomplete").</summary>
    public long FramesUnreadable { get; init; }

    public int Gaps { get; init; }

    /// <summary>
    /// Places where consecutive frames lie further apart than a movement is followed across (the segmenter's
    /// <c>max_gap_ms</c>): frames missing from the recording, or skipped as damaged. The longest, in milliseconds, and
    /// the time of the frame before it, in seconds (as in the frames file).
    /// </summary>
    public int FrameGaps { get; init; }
    public double? LongestFrameGapMs { get; init; }
    public double? LongestFrameGapFromS { get; init; }

    /// <summary>Places where the file's presentation times ran backwards, and the frames after were shifted to follow on.</summary>
    public int TimestampRestarts { get; init; }

    /// <summary>A file's longest stretch of frames that did not change at all, in seconds, and its first frame (1-based).</summary>
    public double? UnchangedS { get; init; }
    public long? UnchangedFromFrame { get; init; }

    /// <summary>An image folder's first image number (<c>img46.jpg</c> → 46): where a coding table's frame numbers start.</summary>
    public long? FirstImageNumber { get; init; }

    public double? FpsNominal { get; init; }

    /// <summary>The capture rate given with --capture-fps, which the file's times were scaled to (null: not scaled).</summary>
    public double? FpsCapture { get; init; }
    public double? FpsMeasured { get; init; }

    /// <summary>The part analysed (<c>--from</c>, <c>--to</c>), seconds from the first frame; null: from the start, to the end.</summary>
    public double? RangeFromS { get; init; }
    public double? RangeToS { get; init; }
    public double DurationS { get; init; }
    public int FacesSeen { get; init; }
    public long FramesWithFace { get; init; }

    /// <summary>
    /// Seconds the faces were followed, summed over faces (places where a face's frames lie over the segmenter's
    /// <c>max_gap_ms</c> apart left out), and how often their AU references were retaken in that time (each face's first
    /// reference not counted; see <see cref="Core.ActionUnits.ReferenceRetakes"/>).
    /// </summary>
    public double FaceTimeS { get; init; }
    public int ReferenceRetakes { get; init; }

    /// <summary>
    /// Seconds of that time in which no movement could be reported: references retaken again within a second, whose
    /// frames are set aside unmeasured (see <see cref="Core.Segmentation.ExpressionSegmenter.UnmeasuredMs"/>).
    /// </summary>
    public double UnmeasuredS { get; init; }

    /// <summary>The stretches <see cref="UnmeasuredS"/> adds up, each with its face, times, frames and reason.</summary>
    public IReadOnlyList<Core.Segmentation.UnmeasuredStretch> Unmeasured { get; init; } = [];
    public long DetectorRuns { get; init; }

    /// <summary>FaceMesh runs; on the other tracked frames the landmarks were carried by optical flow.</summary>
    public long LandmarkRuns { get; init; }
    public string? ActionUnitEstimator { get; init; }
    public int MicroEvents { get; init; }
    public int MacroEvents { get; init; }
    public int Blinks { get; init; }
    public IReadOnlyDictionary<string, int> EventsByEmotion { get; init; } = new Dictionary<string, int>();

    /// <summary>Candidate movements the segmenter did not report, by reason.</summary>
    public IReadOnlyDictionary<string, int> NotReported { get; init; } = new Dictionary<string, int>();

    public FaceFlash.Core.Segmentation.SegmenterOptions? Segmenter { get; init; }

    /// <summary>
    /// With <c>--mirror-check</c>, the expressions the analysis of the mirrored video found (those of the analysis
    /// itself it did not find are counted in <see cref="NotReported"/> as <c>not_found_mirrored</c>); null without it.
    /// </summary>
    public int? MirroredExpressions { get; init; }

    /// <summary>The run's time, both analyses' with <c>--mirror-check</c>.</summary>
    public double WallS { get; init; }
    public double ThroughputFps { get; init; }

    /// <summary>Managed bytes allocated per frame after warm-up (null for runs too short to tell).</summary>
    public double? AllocatedBytesPerFrame { get; init; }
    public required IReadOnlyDictionary<string, double> StageMsPerFrame { get; init; }

    /// <summary>Managed bytes each stage allocated per frame after warm-up (where the allocations come from).</summary>
    public required IReadOnlyDictionary<string, double> StageBytesPerFrame { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Core.Output.JsonFiles.Options) + "\n";
}
