using FaceFlash.Core.Frames;

namespace FaceFlash.Core.Tests.Frames;

public sealed class CameraModeTests
{
    [Theory]
    [InlineData("1280x720", 1280, 720)]
    [InlineData("640×480", 640, 480)]
    [InlineData(" 1920X1080 ", 1920, 1080)]
    public void ASizeIsWidthByHeight(string text, int width, int height)
    {
        Assert.True(CameraMode.TryParseSize(text, out var w, out var h));
        Assert.Equal((width, height), (w, h));
    }

    [Theory]
    [InlineData("1280")]
    [InlineData("1280x")]
    [InlineData("0x720")]
    [InlineData("-640x480")]
    [InlineData("1280x720x3")]
    [InlineData("wide")]
    public void AnythingElseIsNoSize(string text) => Assert.False(CameraMode.TryParseSize(text, out _, out _));

    [Fact]
    public void WhatTheCameraGivesInsteadOfWhatWasAskedIsSaidInOneLine()
    {
        var asked = new CameraMode { Width = 1280, Height = 720, Fps = 60, Format = "mjpg" };
        Assert.Null(asked.Shortfall(1280, 720, 60, "mjpg"));
        Assert.Null(asked.Shortfall(1280, 720, 59.94, "MJPG")); // drivers round rates; formats come in either case
        var fellBack = asked.Shortfall(640, 480, 30, "yuyv");
        Assert.Equal("the camera gives 640×480 instead of 1280×720, 30 fps instead of 60, yuyv instead of mjpg: it has no such mode "
                     + "(v4l2-ctl --list-formats-ext lists those it has)", fellBack);
        // What was not asked is not held against the camera.
        Assert.Null(new CameraMode { Fps = 90 }.Shortfall(320, 240, 90, "yuyv"));
        Assert.Contains("30 fps instead of 90", new CameraMode { Fps = 90 }.Shortfall(320, 240, 30, "yuyv"));
        Assert.False(new CameraMode().AsksAnything);
        Assert.Equal("1280×720, 60 fps, mjpg", asked.ToString());
    }
}
