using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceFlash.Pipeline.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FaceFlash.Web;

/// <summary>
/// The control room's web server (Kestrel, in the session's process): the page, the video as MJPEG
/// (<c>/video</c>), the frame state, events and markers as server-sent events (<c>/state</c>), the event pictures,
/// and the controls (<c>POST /mark</c>, <c>/rebaseline</c>, <c>/pause</c>, <c>/record</c>). Everything the page needs
/// is served from here; it loads nothing from the network. Bound to 127.0.0.1 unless another address is given; on
/// any other address every request needs the access token made at start (<c>?token=…</c> once, then a cookie), or
/// gets 401.
/// </summary>
public sealed class ControlRoomServer : IAsyncDisposable
{
    private const string CookieName = "faceflash_token";
    private static readonly byte[] PartEnd = "\r\n"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly ControlRoom _room;
    private readonly LiveControls _controls;
    private readonly CancellationTokenSource _stopping = new();

    public string Token { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public ServeEndpoint Endpoint { get; }
    public bool RequiresToken => !Endpoint.IsLocal;

    /// <summary>The address to open; on a non-local binding it carries the token.</summary>
    public string Url { get; }

    private ControlRoomServer(ServeEndpoint endpoint, string? certificate, ControlRoom room, LiveControls controls)
    {
        (Endpoint, _room, _controls) = (endpoint, room, controls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint.Address, endpoint.Port, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        _app = builder.Build();
        if (RequiresToken) _app.Use(Authorise);
        Map(_app);
        var host = endpoint.Address.Equals(System.Net.IPAddress.Any) || endpoint.Address.Equals(System.Net.IPAddress.IPv6Any)
            ? Environment.MachineName
            : endpoint.Address.ToString();
        Url = $"{(certificate is null ? "http" : "https")}://{host}:{endpoint.Port}/" + (RequiresToken ? $"?token={Token}" : "");
    }

    /// <summary>Starts serving; throws <see cref="IOException"/> with a one-line reason when the address cannot be bound.</summary>
    public static async Task<ControlRoomServer> StartAsync(ServeEndpoint endpoint, string? certificate, ControlRoom room, LiveControls controls)
    {
        var server = new ControlRoomServer(endpoint, certificate, room, controls);
        try
        {
            await server._app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await server._app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot serve on {endpoint.Address}:{endpoint.Port}: {e.Message}", e);
        }
        return server;
    }

    private async Task Authorise(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Query.TryGetValue("token", out var given) && Same(given.ToString()))
        {
            context.Response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            await next(context).ConfigureAwait(false);
            return;
        }
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && Same(cookie))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsync("401: open the address FaceFlash printed (with ?token=…)\n").ConfigureAwait(false);
    }

    private bool Same(string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(Token));

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Stream(Asset("index.html"), "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Stream(Asset("app.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/video", Video);
        app.MapGet("/state", State);
        app.MapGet("/picture/{note:int}/{which}", (int note, string which) =>
            _room.Picture(note, which) is { } jpeg ? Results.File(jpeg, "image/jpeg") : Results.NotFound());
        app.MapPost("/mark", async (HttpRequest request) =>
        {
            var label = request.HasFormContentType ? (await request.ReadFormAsync().ConfigureAwait(false))["label"].ToString() : "";
            return _controls.Mark(label) ? Results.Ok() : Results.Conflict("no frame yet");
        });
        // Each page reports, once a second, how long its frames took from grab to being shown.
        app.MapPost("/shown", async (HttpRequest request) =>
        {
            var report = await JsonSerializer.DeserializeAsync<ShownReport>(request.Body, Json).ConfigureAwait(false);
            if (report is null || string.IsNullOrEmpty(report.Viewer) || report.Viewer.Length > 64) return Results.BadRequest();
            var stats = _room.ViewerLatency.GetOrAdd(report.Viewer, _ => new Core.Time.LatencyStats());
            foreach (var ms in report.LatenciesMs ?? []) if (double.IsFinite(ms)) stats.Add(ms);
            return Results.Ok();
        });
        app.MapPost("/rebaseline", () => { _controls.Rebase(); return Results.Ok(); });
        app.MapPost("/pause", () => { _controls.TogglePause(); return Results.Ok(); });
        app.MapPost("/record", () => { _controls.ToggleRecording(); return Results.Ok(); });
    }

    private static Stream Asset(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream($"wwwroot/{name}") ?? throw new FileNotFoundException(name);

    /// <summary>MJPEG: each part the latest frame newer than the last one this viewer got.</summary>
    private async Task Video(HttpContext context)
    {
        const string boundary = "faceflashframe";
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={boundary}";
        context.Response.Headers.CacheControl = "no-store";
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        long seen = 0;
        try
        {
            while (!done.IsCancellationRequested)
            {
                if (await _room.Frames.NewerThanAsync(seen, done.Token).ConfigureAwait(false) is not { } frame) continue;
                seen = frame.Version;
                var head = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {frame.Jpeg.Length}\r\n\r\n");
                await context.Response.Body.WriteAsync(head, done.Token).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(frame.Jpeg, done.Token).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(PartEnd, done.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the viewer left or the session ended
        }
    }

    /// <summary>Server-sent events: every event and marker (none skipped), and the latest frame state (older ones skipped).</summary>
    private async Task State(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var (seen, notesSent) = (0L, 0);
        try
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var note in _room.NotesFrom(notesSent))
                {
                    await Send(context, NoteType(note), NoteJson(note, notesSent), done.Token).ConfigureAwait(false);
                    notesSent++;
                }
                if (_room.Frames.Latest is { } latest && latest.Version > seen)
                {
                    seen = latest.Version;
                    await Send(context, "frame", latest.StateJson, done.Token).ConfigureAwait(false);
                }
                await _room.Frames.NewerThanAsync(seen, done.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the viewer left or the session ended
        }
    }

    private static string NoteType(SessionNote note) => note switch
    {
        EventNote => "expression",
        MarkerNote => "marker",
        _ => "end",
    };

    private static string NoteJson(SessionNote note, int index) => note switch
    {
        EventNote e => JsonSerializer.Serialize(new
        {
            index, face_id = e.FaceId, kind = e.Kind, onset_ms = e.OnsetMs, apex_ms = e.ApexMs, offset_ms = e.OffsetMs, emotion = e.Emotion,
            aus = e.Aus, confidence = e.Confidence, truncated = e.Truncated, onset_picture = e.Onset is not null, apex_picture = e.Apex is not null,
        }, Json),
        MarkerNote m => JsonSerializer.Serialize(new { index, frame = m.Frame, timestamp_ms = m.TimestampMs, label = m.Label }, Json),
        _ => "{}",
    };

    private static async Task Send(HttpContext context, string type, string json, CancellationToken cancel)
    {
        await context.Response.WriteAsync($"event: {type}\ndata: {json}\n\n", cancel).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancel).ConfigureAwait(false);
    }

    private sealed record ShownReport(string Viewer, double[]? LatenciesMs);

    /// <summary>Writes what the viewers reported (grab → shown, per viewer) as <paramref name="path"/>; nothing when no viewer reported.</summary>
    public void WriteViewerReport(string path)
    {
        if (_room.ViewerLatency.IsEmpty) return;
        var viewers = _room.ViewerLatency.ToDictionary(v => v.Key, v => new
        {
            frames = v.Value.Samples,
            p50_ms = Math.Round(v.Value.Percentile(50), 1),
            p99_ms = Math.Round(v.Value.Percentile(99), 1),
            max_ms = Math.Round(v.Value.MaxMs, 1),
        });
        Core.Output.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new { grab_to_shown = viewers }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _room.Frames.Release();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _room.Dispose(); // the server outlives the session's pipeline, so the room is its to release
    }
}
