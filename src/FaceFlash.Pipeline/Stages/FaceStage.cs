using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Pipeline.Stages;

/// <summary>Detection, tracking, landmarks, iris and head pose for every face in the frame.</summary>
public sealed class FaceStage(FaceAnalyzer analyzer, Pool<FaceObservation> observations) : IFrameStage
{
    public string Name => "faces";
    public FaceAnalyzer Analyzer => analyzer;

    public void Process(FramePacket packet) =>
        analyzer.Analyze(packet.Image, packet.Envelope.OriginatingTimeMs, observations, packet.Analysis.Faces);

    public void Dispose() => analyzer.Dispose();
}
