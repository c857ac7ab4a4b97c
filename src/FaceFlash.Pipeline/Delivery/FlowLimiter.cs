namespace FaceFlash.Pipeline.Delivery;

/// <summary>
/// MediaPipe's flow limiter: at most <c>limit</c> frames between admission (the first stage) and release (the sinks),
/// so that a live pipeline that cannot keep up leaves new frames waiting in the input channel — where the oldest
/// are dropped — instead of queueing them inside the stages. Its invariants are checked on every call: frames in
/// flight never exceed the limit nor go below zero, and every release matches an admission.
/// </summary>
public sealed class FlowLimiter
{
    private readonly SemaphoreSlim _room;
    private readonly Lock _most = new();
    private int _inFlight;
    private long _admitted;
    private long _released;

    public FlowLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _room = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }
    public int InFlight => Volatile.Read(ref _inFlight);
    public long Admitted => Interlocked.Read(ref _admitted);
    public long Released => Interlocked.Read(ref _released);

    /// <summary>Largest number of frames that were in flight at once.</summary>
    public int MostInFlight { get; private set; }

    /// <summary>Waits for room and admits one frame.</summary>
    public async Task AdmitAsync(CancellationToken cancel)
    {
        await _room.WaitAsync(cancel).ConfigureAwait(false);
        var now = Interlocked.Increment(ref _inFlight);
        if (now > Limit) throw new InvalidOperationException($"flow limiter: {now} frames in flight, limit {Limit}");
        Interlocked.Increment(ref _admitted);
        lock (_most) MostInFlight = Math.Max(MostInFlight, now);
    }

    /// <summary>A frame admitted earlier has left the pipeline (or nothing was taken after all).</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _inFlight) < 0)
        {
            Interlocked.Increment(ref _inFlight);
            throw new InvalidOperationException("flow limiter: a frame was released that was never admitted");
        }
        Interlocked.Increment(ref _released);
        _room.Release();
    }
}
