using FaceFlash.Models.Runtime;

namespace FaceFlash.Models;

/// <summary>
/// MediaPipe's face blendshape model: x, y of 146 of the 478 FaceMesh-with-iris landmarks in, 52 expression scores
/// (0–1) out, in the manifest's label order.
/// </summary>
public sealed class BlendshapeModel(ModelRepository repository, OnnxSessionSettings settings) : IDisposable
{
    public const string Name = "blendshapes";

    /// <summary>The landmarks the model reads, in input order (MediaPipe's face_blendshapes_graph.cc, kLandmarksSubsetIdxs); 468–477 are the iris points.</summary>
    public static readonly int[] LandmarkIndices =
    [
        0, 1, 4, 5, 6, 7, 8, 10, 13, 14, 17, 21, 33, 37, 39, 40, 46, 52, 53, 54, 55, 58, 61, 63, 65, 66, 67, 70, 78, 80, 81,
        82, 84, 87, 88, 91, 93, 95, 103, 105, 107, 109, 127, 132, 133, 136, 144, 145, 146, 148, 149, 150, 152, 153, 154, 155,
        157, 158, 159, 160, 161, 162, 163, 168, 172, 173, 176, 178, 181, 185, 191, 195, 197, 234, 246, 249, 251, 263, 267,
        269, 270, 276, 282, 283, 284, 285, 288, 291, 293, 295, 296, 297, 300, 308, 310, 311, 312, 314, 317, 318, 321, 323,
        324, 332, 334, 336, 338, 356, 361, 362, 365, 373, 374, 375, 377, 378, 379, 380, 381, 382, 384, 385, 386, 387, 388,
        389, 390, 397, 398, 400, 402, 405, 409, 415, 454, 466, 468, 469, 470, 471, 472, 473, 474, 475, 476, 477,
    ];

    private readonly ModelRunner _runner = new(repository, Name, settings);

    public IReadOnlyList<string> Labels => _runner.Entry.Labels ?? throw new InvalidOperationException("blendshape model has no labels");

    /// <summary>146 × (x, y) in image pixels, in <see cref="LandmarkIndices"/> order.</summary>
    public Span<float> Input => _runner.Input();

    public ReadOnlySpan<float> Run()
    {
        _runner.Run();
        return _runner.Output(_runner.Entry.Outputs[0].Name);
    }

    public void Dispose() => _runner.Dispose();
}
