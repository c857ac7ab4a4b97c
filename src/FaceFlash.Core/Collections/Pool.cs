using System.Collections.Concurrent;

namespace FaceFlash.Core.Collections;

/// <summary>
/// Reuses objects that travel down the pipeline and come back (frames' face observations, images), so the steady
/// state allocates nothing per frame. Thread-safe: stages rent and return on their own tasks.
/// </summary>
public sealed class Pool<T>(Func<T> create) where T : class
{
    private readonly ConcurrentBag<T> _items = [];

    public T Rent() => _items.TryTake(out var item) ? item : create();

    public void Return(T item) => _items.Add(item);
}
