using FaceFlash.Core.Faces;

namespace FaceFlash.Core.Tests.Faces;

public sealed class CameraIntrinsicsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-calibration-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string json)
    {
        var path = Path.Combine(_dir, "camera.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void AnUncalibratedCameraIsOpenFacesDefault()
    {
        // 500 px of focal length per 640 px of width, the principal point at the image's centre.
        Assert.Equal(new PinholeCamera(500, 500, 320, 240), new CameraIntrinsics().For(640, 480));
        Assert.Equal(new PinholeCamera(1500, 1500, 960, 540), new CameraIntrinsics().For(1920, 1080));
    }

    [Fact]
    public void AnyValueGivenIsKeptAndOneFocalLengthStandsForBoth()
    {
        Assert.Equal(new PinholeCamera(800, 810, 300, 250), new CameraIntrinsics { Fx = 800, Fy = 810, Cx = 300, Cy = 250 }.For(640, 480));
        Assert.Equal(new PinholeCamera(800, 800, 320, 240), new CameraIntrinsics { Fx = 800 }.For(640, 480));
        Assert.Equal(new PinholeCamera(900, 900, 320, 200), new CameraIntrinsics { Fy = 900, Cy = 200 }.For(640, 480));
    }

    [Fact]
    public void ACalibrationFileGivesWhatItHoldsAndLeavesTheRestToTheDefault()
    {
        var intrinsics = CameraIntrinsics.Load(File("""{ "fx": 812.5, "cy": 241, "note": "lab camera 2" }"""));
        Assert.Equal(new CameraIntrinsics { Fx = 812.5, Cy = 241 }, intrinsics);
        Assert.Equal(new PinholeCamera(812.5, 812.5, 320, 241), intrinsics.For(640, 480));
    }

    [Theory]
    [InlineData("""{ "fx": 0 }""", "focal lengths must be positive")]
    [InlineData("""{ "fy": 2e6 }""", "at most 1e6 pixels")]
    [InlineData("""{ "cx": -1 }""", "the principal point not negative")]
    [InlineData("""{ "fx": "800" }""", "Number")]
    [InlineData("""[800, 800]""", "")]
    [InlineData("""{ "fx": 800""", "")]
    public void AFileThatIsNoCalibrationIsOneLineNamingIt(string json, string reason)
    {
        var path = File(json);
        var e = Assert.Throws<FormatException>(() => CameraIntrinsics.Load(path));
        Assert.StartsWith($"calibration file {path}: ", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AMissingFileIsOneLineNamingIt()
    {
        var path = Path.Combine(_dir, "none.json");
        Assert.StartsWith($"calibration file {path}: ", Assert.Throws<FormatException>(() => CameraIntrinsics.Load(path)).Message);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1e-3, true)]
    [InlineData(1e6, true)]
    [InlineData(1e6 + 1, false)]
    public void AFocalLengthIsPositiveAndAtMostAMillionPixels(double px, bool valid) => Assert.Equal(valid, CameraIntrinsics.IsFocalLength(px));

    [Theory]
    [InlineData(-1e-3, false)]
    [InlineData(0, true)]
    [InlineData(1e6, true)]
    [InlineData(1e6 + 1, false)]
    public void APrincipalCoordinateIsNotNegativeAndAtMostAMillionPixels(double px, bool valid) => Assert.Equal(valid, CameraIntrinsics.IsPrincipalCoordinate(px));
}
