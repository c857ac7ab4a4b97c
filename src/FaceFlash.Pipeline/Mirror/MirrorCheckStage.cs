using FaceFlash.Core.Frames;
using FaceFlash.Core.Segmentation;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Pipeline.Stages;

namespace FaceFlash.Pipeline.Mirror;

/// <summary>
/// After segmentation (<c>analyze --mirror-check</c>): an expression the mirrored analysis did not find again is taken
/// off the frame's expressions and put with the movements not reported, reason <see cref="NotReportedReason.NotFoundMirrored"/>,
/// so that every output (events, ELAN, MEGC, the summary's counts) reports only the expressions both analyses found.
/// </summary>
public sealed class MirrorCheckStage(MirrorAgreement agreement) : IFrameStage
{
    private readonly LastFaceRegions _faces = new();

    public string Name => "mirror-check";

    public void Process(FramePacket packet)
    {
        _faces.Add(packet.Analysis);
        Check(packet.Analysis);
    }

    public void Complete(StreamEnd end) => Check(end);

    private void Check(ISegmenterOutput output)
    {
        if (output.Events.Count == 0) return; // the usual frame: nothing flagged, nothing allocated
        foreach (var e in output.Events.Where(e => !(_faces.Of(e.FaceId) is { } face && agreement.FoundAgain(e, face))).ToList())
        {
            output.Events.Remove(e);
            output.Unreported.Add(UnreportedMovement.Of(e, NotReportedReason.NotFoundMirrored));
        }
    }

    public void Dispose() { }
}
