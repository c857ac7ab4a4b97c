namespace FaceFlash.Synthesis;

/// <summary>What <c>faceflash synth</c> makes: clip length and rate, how many expressions, and the nuisances around them.</summary>
public sealed record SynthOptions
{
    public double Fps { get; init; } = 100;
    public double DurationS { get; init; } = 20;
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 480;
    public int Seed { get; init; } = 1;
    public int MicroEvents { get; init; } = 6;
    public int MacroEvents { get; init; } = 3;
    public double BlinksPerMinute { get; init; } = 15;

    /// <summary>
    /// Calm time before the first expression or blink can start (at least half the least gap between events,
    /// 350 ms, follows it). The default leaves live analysis its second to form the face's levels; a shorter one
    /// tests what batch analysis, which looks ahead, finds early in a clip.
    /// </summary>
    public double LeadInMs { get; init; } = 1500;

    /// <summary>Micro-expression amplitude range at the apex, in pixels of the output frame.</summary>
    public (double Min, double Max) MicroAmplitudePx { get; init; } = (1, 4);

    public (double Min, double Max) MacroAmplitudePx { get; init; } = (4, 9);
    public (double Min, double Max) MicroDurationMs { get; init; } = (40, 200);
    public (double Min, double Max) MacroDurationMs { get; init; } = (500, 2000);

    /// <summary>Gaussian sensor noise, standard deviation in 8-bit grey levels.</summary>
    public double NoiseSigma { get; init; } = 2;

    /// <summary>Scale of the smooth head motion (1 = up to about ±8 px, ±2°, ±2 %).</summary>
    public double HeadMotion { get; init; } = 1;

    /// <summary>Outer eye-corner distance of the face in the output, pixels (90 px ≈ a face 200 px wide).</summary>
    public double EyeDistancePx { get; init; } = 90;

    public SynthGenerator Generator { get; init; } = SynthGenerator.Blobs;

    /// <summary>Largest out-of-plane head turn (yaw; pitch up to 60 % of it), degrees; 0 keeps the head facing the camera. Muscles only.</summary>
    public double HeadTurnDeg { get; init; }

    /// <summary>When set, the clip is re-encoded as H.264 at this constant rate factor (23 is FFmpeg's default quality) into an .mp4.</summary>
    public int? H264Crf { get; init; }

    /// <summary>The warper of <see cref="Generator"/> for a script.</summary>
    public IFaceWarper WarperFor(ExpressionScript script) =>
        Generator == SynthGenerator.Muscles ? new MuscleWarper(script, Seed, HeadTurnDeg) : new FaceWarper(script);
}
