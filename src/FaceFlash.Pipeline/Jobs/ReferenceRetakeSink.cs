using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Frames;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Follows the tracked faces' AU status for the summary: how often their references were retaken (see <see cref="ReferenceRetakes"/>).</summary>
public sealed class ReferenceRetakeSink(double maxGapMs) : IFrameSink
{
    public ReferenceRetakes Retakes { get; } = new(maxGapMs);

    /// <summary>The faces' time followed, in seconds, as a summary gives it.</summary>
    public double FaceTimeS => Math.Round(Retakes.FaceTimeMs / 1000, 3);

    public void Write(FrameAnalysis frame)
    {
        foreach (var face in frame.Faces)
            if (face.Success) Retakes.Add(face.FaceId, frame.TimestampMs, face.AuStatus == ActionUnitStatus.ReferenceRestarted);
    }

    public void Commit(StreamEnd end) { }
}
