using FaceFlash.Core.Geometry;

namespace FaceFlash.Core.Tests.Geometry;

public sealed class SquarePixelsTests
{
    [Theory]
    [InlineData(1440, 1080, 4.0 / 3, false, 1920, 1080)] // HDV: wide pixels, the width grows
    [InlineData(720, 576, 16.0 / 15, false, 768, 576)]   // PAL DV 4:3
    [InlineData(720, 480, 8.0 / 9, false, 720, 540)]     // NTSC DV 4:3: narrow pixels, the height grows
    [InlineData(1080, 1440, 4.0 / 3, true, 1080, 1920)]  // HDV shot on its side: the stored width runs down the picture
    [InlineData(640, 480, 1.0, false, 640, 480)]
    [InlineData(640, 480, 0.0, false, 640, 480)]         // the container does not say: square, as players take it
    [InlineData(640, 480, double.NaN, true, 640, 480)]
    public void FramesAreStretchedToSquarePixelsAlongOneSide(int width, int height, double aspect, bool quarterTurned, int squareWidth, int squareHeight) =>
        Assert.Equal((squareWidth, squareHeight), SquarePixels.Size(width, height, aspect, quarterTurned));
}
