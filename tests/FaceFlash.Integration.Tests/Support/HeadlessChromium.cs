using System.Diagnostics;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, with no way out to any network (a proxy that goes nowhere, no DNS) but this machine's
/// own loopback address, where a test's FaceFlash serves its control room.
/// </summary>
public static class HeadlessChromium
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Starts Chromium headless and cut off from the network, with its profile in <paramref name="profileDir"/>.</summary>
    public static Process Start(string profileDir, params string[] args)
    {
        Assert.SkipUnless(File.Exists(Chromium), "Debian's chromium is not installed (the README's test command installs it)");
        return Process.Start(new ProcessStartInfo(Chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profileDir}",
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=127.0.0.1", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", .. args])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
    }

    /// <summary>Runs Chromium with these arguments (e.g. --dump-dom URL), 3 s of virtual time, and returns what it printed.</summary>
    public static string Run(string profileDir, params string[] args)
    {
        using var process = Start(profileDir, ["--virtual-time-budget=3000", .. args]);
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "chromium did not finish");
        return stdout.Result;
    }
}
