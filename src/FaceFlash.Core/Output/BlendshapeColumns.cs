using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Output;

/// <summary>
/// With <c>--au-model blendshapes</c>, the frames CSV also carries the model's 52 raw scores (0–1) as
/// <c>bs__neutral, bs_browDownLeft … bs_noseSneerRight</c> — MediaPipe's names behind a <c>bs_</c> — as py-feat and
/// MediaPipe users read them. Empty where the face is not tracked.
/// </summary>
public sealed class BlendshapeColumns : IFrameColumns
{
    public IReadOnlyList<string> Names { get; } = BlendshapeActionUnits.MediaPipeBlendshapes.Select(n => $"bs_{n}").ToArray();

    public void Write(CsvRowWriter row, FrameAnalysis frame, FaceObservation? face)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (face is { Success: true, BlendshapesMeasured: true }) row.Field(face.Blendshapes[i], "0.####");
            else row.Empty();
        }
    }
}
