using System.Diagnostics;

namespace FaceFlash.Pipeline.Stages;

/// <summary>
/// Busy time of one stage (how long it spent working, not waiting on its neighbours) and the managed bytes it
/// allocated while working once warmed up. Each item is processed synchronously on one thread, so that thread's
/// allocation counter brackets exactly the stage's own work.
/// </summary>
public sealed class StageClock(string name, int warmUpItems = AnalysisPipeline.WarmUpFrames)
{
    private long _ticks;
    private long _items;
    private long _bytes;

    public string Name { get; } = name;
    public long Items => Interlocked.Read(ref _items);
    public double TotalMs => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)).TotalMilliseconds;
    public double MeanMs => Items == 0 ? 0 : TotalMs / Items;

    /// <summary>Managed bytes allocated per item after the first <c>warmUpItems</c> (NaN until then).</summary>
    public double BytesPerItem => Items > warmUpItems ? (double)Interlocked.Read(ref _bytes) / (Items - warmUpItems) : double.NaN;

    public readonly record struct Mark(long Ticks, long Bytes);

    public Mark Start() => new(Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread());

    public void Stop(Mark started)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread() - started.Bytes;
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started.Ticks);
        if (Interlocked.Increment(ref _items) > warmUpItems) Interlocked.Add(ref _bytes, allocated);
    }
}
