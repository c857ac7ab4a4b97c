using System.Diagnostics;

namespace FaceFlash.Pipeline.Stages;

/// <summary>Busy time of one stage: how long it spent working (not waiting on its neighbours).</summary>
public sealed class StageClock(string name)
{
    private long _ticks;
    private long _items;

    public string Name { get; } = name;
    public long Items => Interlocked.Read(ref _items);
    public double TotalMs => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)).TotalMilliseconds;
    public double MeanMs => Items == 0 ? 0 : TotalMs / Items;

    public long Start() => Stopwatch.GetTimestamp();

    public void Stop(long started)
    {
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref _items);
    }
}
