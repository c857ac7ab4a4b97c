namespace FaceFlash.Web;

/// <summary>One published frame for the viewers: its JPEG and its state (faces, AUs, HUD) as JSON.</summary>
public sealed record ViewerFrame(long Version, double TimestampMs, byte[] Jpeg, string StateJson);

/// <summary>
/// The latest frame, handed to every viewer that asks for something newer than it has: the latest-message delivery
/// policy per connection (a slow viewer skips frames; it never holds up the pipeline or another viewer).
/// </summary>
public sealed class FrameBroadcast
{
    private readonly Lock _lock = new();
    private ViewerFrame? _latest;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ViewerFrame? Latest
    {
        get { lock (_lock) return _latest; }
    }

    public void Publish(double timestampMs, byte[] jpeg, string state)
    {
        TaskCompletionSource released;
        lock (_lock)
        {
            _latest = new ViewerFrame((_latest?.Version ?? 0) + 1, timestampMs, jpeg, state);
            released = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        released.TrySetResult();
    }

    /// <summary>Wakes every waiting viewer without a new frame (the session is ending).</summary>
    public void Release()
    {
        lock (_lock) _next.TrySetResult();
    }

    /// <summary>The latest frame once it is newer than <paramref name="seen"/>; null when woken without one.</summary>
    public async Task<ViewerFrame?> NewerThanAsync(long seen, CancellationToken cancel)
    {
        Task wait;
        lock (_lock)
        {
            if (_latest is { } latest && latest.Version > seen) return latest;
            wait = _next.Task;
        }
        await wait.WaitAsync(cancel).ConfigureAwait(false);
        var now = Latest;
        return now is not null && now.Version > seen ? now : null;
    }
}
