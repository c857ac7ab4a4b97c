namespace FaceFlash.Integration.Tests;

/// <summary>Where the repository, its fixtures and the shared real-video folder are, seen from a test run.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Models => Path.Combine(RepoRoot, "models");
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");
    public static string Media => Path.Combine(RepoRoot, "samples", "media");
    public static string UpstreamCache => Path.Combine(RepoRoot, ".cache", "upstream");

    /// <summary>../shared/data/videos beside the repository (real face videos; never copied into the repo).</summary>
    public static string SharedVideos => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "videos"));

    /// <summary>Where MediaPipe's Face Landmarker bundle lies (outside the repository, like the videos).</summary>
    public static string MediaPipeBundles => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", "models", "mediapipe"));

    /// <summary>A clip from the shared data folder; skips the test with a reason when that folder is absent.</summary>
    public static string SharedVideo(string relative)
    {
        var path = Path.Combine(SharedVideos, relative);
        Assert.SkipUnless(File.Exists(path), $"shared test video {relative} is not available at {SharedVideos}");
        return path;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceFlash.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find FaceFlash.sln above the test binaries");
    }
}
