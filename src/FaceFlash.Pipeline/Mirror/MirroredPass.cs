using FaceFlash.Core.Segmentation;

namespace FaceFlash.Pipeline.Mirror;

/// <summary>What the mirrored analysis left: the expressions it found, and how its run went (for the summary's time).</summary>
public sealed record MirroredPass(MirrorAgreement Agreement, PipelineResult Pass);
