using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Mirror;

/// <summary>The mirrored analysis's only output: the expressions it found, with where their faces were, for <see cref="MirrorAgreement"/>.</summary>
public sealed class MirroredEventsSink(MirrorAgreement agreement) : IFrameSink
{
    private readonly LastFaceRegions _faces = new();

    public void Write(FrameAnalysis frame)
    {
        _faces.Add(frame);
        Add(frame.Events);
    }

    public void Commit(StreamEnd end) => Add(end.Events);

    private void Add(List<ExpressionEvent> events)
    {
        foreach (var e in events)
            if (_faces.Of(e.FaceId) is { } face) agreement.AddMirrored(e, face);
    }
}
