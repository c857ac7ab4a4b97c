using OpenCvSharp;

namespace FaceFlash.Vision.Imaging;

/// <summary>
/// <see cref="MatArgs"/> for Mats a consumer is handed rather than owns: the pipeline's pooled frames come round again
/// and again, so each one's handles are made the first time it is seen. Entries whose Mat was disposed are dropped
/// when a new Mat arrives, and the cache never holds more than <see cref="Capacity"/> (oldest out first).
/// </summary>
public sealed class MatArgsCache : IDisposable
{
    public const int Capacity = 64;
    private readonly List<MatArgs> _entries = [];

    public MatArgs For(Mat mat)
    {
        foreach (var entry in _entries)
            if (ReferenceEquals(entry.Mat, mat)) return entry;
        for (var i = _entries.Count - 1; i >= 0; i--)
            if (_entries[i].Mat.IsDisposed) Evict(i);
        if (_entries.Count == Capacity) Evict(0);
        var added = new MatArgs(mat);
        _entries.Add(added);
        return added;
    }

    public int Count => _entries.Count;

    private void Evict(int index)
    {
        _entries[index].Dispose();
        _entries.RemoveAt(index);
    }

    public void Dispose()
    {
        foreach (var entry in _entries) entry.Dispose();
        _entries.Clear();
    }
}
