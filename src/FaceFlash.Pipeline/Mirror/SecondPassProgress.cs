namespace FaceFlash.Pipeline.Mirror;

/// <summary>
/// The second analysis's progress carried on from the first's, so that one progress bar (sized for both) fills once:
/// its frames and time follow the mirrored pass's.
/// </summary>
public sealed class SecondPassProgress(IProgress<PipelineProgress>? inner, PipelineResult first) : IProgress<PipelineProgress>
{
    public void Report(PipelineProgress value) =>
        inner?.Report(value with { FramesWritten = first.FramesWritten + value.FramesWritten, WallMs = first.WallMs + value.WallMs });
}
