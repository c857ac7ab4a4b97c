using System.Numerics;

namespace FaceFlash.Core.Detection;

/// <summary>
/// BlazeFace's anchor grid: a fine layer of 16×16 cells with 2 anchors each, then a coarse layer of 8×8 cells
/// with 6 anchors each, row-major, all anchors of a cell adjacent. Centres are in [0, 1] of the model input.
/// </summary>
public static class BlazeFaceAnchors
{
    public static readonly (int Cells, int PerCell)[] Layers = [(16, 2), (8, 6)];

    public static int Count(int layer) => Layers[layer].Cells * Layers[layer].Cells * Layers[layer].PerCell;

    public static Vector2[] Centres(int layer)
    {
        var (cells, perCell) = Layers[layer];
        var centres = new Vector2[cells * cells * perCell];
        var i = 0;
        for (var y = 0; y < cells; y++)
            for (var x = 0; x < cells; x++)
                for (var a = 0; a < perCell; a++)
                    centres[i++] = new Vector2((x + 0.5f) / cells, (y + 0.5f) / cells);
        return centres;
    }
}
