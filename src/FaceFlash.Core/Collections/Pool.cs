using System.Collections.Concurrent;

namespace FaceFlash.Core.Collections;

/// <summary>
/// Reuses objects that travel down the pipeline and come back (frames' face observations, images), so the steady
/// state allocates nothing per frame. Thread-safe: stages rent and return on their own tasks.
/// </summary>
public sealed class Pool<T>(Func<T> create) where T : class
{
    private readonly ConcurrentBag<T> _items = [];
    private long _created;

    /// <summary>Objects made so far; stays flat once the pipeline is full.</summary>
    public long Created => Interlocked.Read(ref _created);

    public T Rent()
    {
        if (_items.TryTake(out var item)) return item;
        Interlocked.Increment(ref _created);
        return create();
    }

    public void Return(T item) => _items.Add(item);
}
