using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace FaceFlash.Integration.Tests.Support;

/// <summary>
/// A page open in headless Chromium (no network but loopback), driven over the DevTools protocol: evaluate a
/// script in it as a user's click would run, and read values back.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly Process _browser;
    private readonly ClientWebSocket _socket = new();
    private int _id;

    private BrowserPage(Process browser) => _browser = browser;

    public static async Task<BrowserPage> OpenAsync(string url, string profileDir, CancellationToken cancel)
    {
        var page = new BrowserPage(HeadlessChromium.Start(profileDir, "--remote-debugging-port=0", url));
        // Chromium names its DevTools endpoint on stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…".
        string? browserSocket = null;
        while (browserSocket is null && await page._browser.StandardError.ReadLineAsync(cancel) is { } line)
            if (line.Contains("DevTools listening on ", StringComparison.Ordinal)) browserSocket = line[(line.IndexOf("ws://", StringComparison.Ordinal))..];
        Assert.NotNull(browserSocket);
        _ = page._browser.StandardError.ReadToEndAsync(cancel);
        var port = new Uri(browserSocket).Port;
        using var http = new HttpClient();
        string? target = null;
        for (var attempt = 0; attempt < 50 && target is null; attempt++)
        {
            var list = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list", cancel)).RootElement;
            target = list.EnumerateArray().Where(t => t.GetProperty("type").GetString() == "page")
                .Select(t => t.GetProperty("webSocketDebuggerUrl").GetString()).FirstOrDefault();
            if (target is null) await Task.Delay(100, cancel);
        }
        await page._socket.ConnectAsync(new Uri(target!), cancel);
        return page;
    }

    /// <summary>Evaluates a JavaScript expression in the page (awaiting it when it is a promise) and returns its value as text.</summary>
    public async Task<string> EvaluateAsync(string expression, CancellationToken cancel)
    {
        var id = ++_id;
        var request = JsonSerializer.Serialize(new { id, method = "Runtime.evaluate", @params = new { expression, returnByValue = true, awaitPromise = true } });
        await _socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, cancel);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await _socket.ReceiveAsync(buffer, cancel);
                message.Write(buffer, 0, received.Count);
            } while (!received.EndOfMessage);
            var reply = JsonDocument.Parse(message.ToArray()).RootElement;
            if (reply.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
                return reply.GetProperty("result").GetProperty("result").TryGetProperty("value", out var value) ? value.ToString() : "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // the browser may already be gone
        }
        _socket.Dispose();
        if (!_browser.HasExited) _browser.Kill(entireProcessTree: true);
        _browser.Dispose();
    }
}
