using System.Security.Cryptography;
using System.Text.Json;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Everything that shapes one analysis run; the CLI fills it from its options.</summary>
public sealed record AnalysisSettings
{
    /// <summary>Where outputs go; null writes them next to each input.</summary>
    public string? OutputDirectory { get; init; }

    public PipelineOptions Pipeline { get; init; } = new();
    public FaceAnalyzerOptions Faces { get; init; } = new();
    public OnnxSessionSettings Onnx { get; init; } = new();

    public SegmenterOptions Segmenter { get; init; } = new();

    /// <summary>An action-units model from the manifest instead of the built-in motion estimator.</summary>
    public string? ActionUnitModel { get; init; }

    /// <summary>What the built-in motion estimator's flow compares: detail (robust to changing light), or brightness.</summary>
    public FlowInput FlowInput { get; init; } = FlowInput.Detail;

    /// <summary>Fuse the emotion classifier's view of the apex into event labels.</summary>
    public bool EmotionClassifier { get; init; } = true;

    /// <summary>Extra event formats: "megc" (spotting rows), "elan" (an .eaf document).</summary>
    public IReadOnlySet<string> Formats { get; init; } = new HashSet<string>();

    /// <summary>Which durations count as micro, as summaries say it: "40–200 ms", or "40–500 ms (MEGC)" when MEGC rows set it.</summary>
    public string MicroDefinition => $"{Segmenter.MicroMinMs:0}–{Segmenter.MicroMaxMs:0} ms" +
        (Formats.Contains("megc") && Segmenter.MicroMaxMs == SegmenterOptions.MegcMicroMaxMs ? " (MEGC)" : "");

    /// <summary>Which landmark coordinates the frames CSV holds (most of its size).</summary>
    public LandmarkColumns Landmarks { get; init; } = LandmarkColumns.Mesh;

    /// <summary>MEGC rows carry each event's emotion as a fifth column.</summary>
    public bool MegcEmotion { get; init; }

    /// <summary>Frame rate assumed for image sequences, which carry no timestamps.</summary>
    public double ImageSequenceFps { get; init; } = 30;

    /// <summary>
    /// The rate a high-speed camera captured at, where its video file declares a slower playback rate (null: the
    /// file's times are real time).
    /// </summary>
    public double? CaptureFps { get; init; }

    /// <summary>The side of the aligned face images (<c>--format aligned</c>); null: OpenFace's 112 pixels.</summary>
    public int? AlignedSize { get; init; }

    /// <summary>
    /// Also analyse each recording mirrored left to right, and report only the expressions found in both
    /// (<see cref="Core.Segmentation.MirrorAgreement"/>); files and image folders only, which can be read twice.
    /// </summary>
    public bool MirrorCheck { get; init; }

    /// <summary>The part of each recording to analyse (<c>analyze --from/--to</c>); null: all of it.</summary>
    public Core.Time.TimeRange? Range { get; init; }

    /// <summary>About how many of a source's frames these settings analyse (null when the source does not say).</summary>
    public int? FramesToAnalyse(Vision.Capture.VideoSource source) =>
        Range is { } range ? range.FramesOf(source.FrameCount, source.RealTimeFps) : source.FrameCount;

    /// <summary>
    /// SHA-256 of every setting that changes an output (faces, segmenter, AU model, classifier, formats, landmark
    /// columns, sequence and capture rates, the time range) — not where outputs go, nor threads and queue sizes, which
    /// change only speed. A setting left unset (null) is left out, so adding one keeps earlier results' hashes.
    /// </summary>
    public string OutputsFingerprint()
    {
        var shaping = new
        {
            Faces, Segmenter, ActionUnitModel, FlowInput, EmotionClassifier, Formats = Formats.Order(StringComparer.Ordinal).ToList(), Landmarks, MegcEmotion,
            ImageSequenceFps, CaptureFps, Range, AlignedSize, MirrorCheck = MirrorCheck ? true : (bool?)null,
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(shaping, JsonFiles.Options)));
    }
}
