using System.Text.Json;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Scoring;

/// <summary>
/// A labelled clip's ground truth (<c>&lt;stem&gt;.truth.json</c>): the injected expressions and blinks with their
/// timing in milliseconds from the first frame.
/// </summary>
public sealed record GroundTruth
{
    /// <summary>What follows a clip's stem in its ground truth's file name.</summary>
    public const string FileSuffix = ".truth.json";

    public required string Video { get; init; }
    public required double Fps { get; init; }
    public required double DurationMs { get; init; }
    public string Generator { get; init; } = "";
    public int Seed { get; init; }

    /// <summary>Outer eye-corner distance of the face in pixels, so amplitudes can be compared across sizes.</summary>
    public double EyeDistancePx { get; init; }

    public IReadOnlyList<TruthEvent> Events { get; init; } = [];
    public IReadOnlyList<TruthBlink> Blinks { get; init; } = [];

    /// <summary>
    /// Whether <see cref="Blinks"/> lists every blink in the video — a portrait <c>faceflash synth</c> animates, a
    /// coder's blink coding — so that a blink reported elsewhere is a false one and blink detection can be scored
    /// (<see cref="BlinkDetection"/>). An overlay on a real video lists only the blinks it added, not the person's own.
    /// </summary>
    public bool BlinksComplete { get; init; }

    /// <summary>
    /// Scripted expressions and blinks that fell wholly where no face was tracked in an overlaid video: never injected,
    /// so not listed.
    /// </summary>
    public int NotInjected { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonFiles.Options) + "\n";

    public static GroundTruth Parse(string json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<GroundTruth>(json, JsonFiles.Options) ?? throw new FormatException($"{origin} is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{origin} is not a ground-truth file: {e.Message}");
        }
    }
}

/// <param name="Kind">"micro" or "macro"</param>
/// <param name="Side">"left" or "right" (the subject's) for one-sided expressions such as contempt</param>
/// <param name="AmplitudePx">displacement of the most-moved point at the apex, in pixels</param>
public sealed record TruthEvent(string Kind, double OnsetMs, double ApexMs, double OffsetMs, string Emotion, IReadOnlyList<string> Aus, string? Side, double AmplitudePx);

public sealed record TruthBlink(double OnsetMs, double OffsetMs);
