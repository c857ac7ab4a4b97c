using System.Diagnostics;
using System.Threading.Channels;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Pipeline.Delivery;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.Capture;

namespace FaceFlash.Pipeline;

/// <summary>
/// Capture → stages → sinks, each on its own task, joined by bounded channels. The first channel follows the
/// delivery policy (batch waits, live drops the oldest frame and counts it); later channels always wait, so a frame
/// that was processed always reaches the sinks. The sinks are committed when the run completes or is cancelled, never
/// after a failure: a stage, the source or a sink that throws fails the run, and what the sinks wrote is discarded
/// when their owner disposes them (as it is after a cancellation when <see cref="PipelineOptions.CommitWhenCancelled"/> is off).
/// </summary>
public sealed class AnalysisPipeline(
    IFrameSource source,
    IReadOnlyList<IFrameStage> stages,
    IReadOnlyList<IFrameSink> sinks,
    Pool<FaceObservation> observations,
    PipelineOptions options)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Frames after which the pipeline counts as warmed up (pools filled, sessions run once, JIT done).</summary>
    public const int WarmUpFrames = 100;

    private long _allocatedAtWarmUp = -1;
    private readonly Pool<FramePacket> _packets = new(() => new FramePacket());
    private readonly StageClock _captureClock = new("capture");
    private readonly StageClock _sinkClock = new("output");
    private long _framesRead;
    private long _framesWritten;
    private double _firstMs = double.NaN;
    private double _lastMs = double.NaN;

    // Cancelled when a stage fails, so the stages before it stop waiting for room that will never come.
    private readonly CancellationTokenSource _abort = new();

    private FrameQueue<FramePacket>? _input;

    /// <summary>At most this many frames between the first stage and the sinks (live only); null without a limit.</summary>
    public FlowLimiter? FlowLimit { get; } = options.MaxInFlight is { } limit ? new FlowLimiter(limit) : null;

    /// <summary>Frames dropped so far by the input channel (live delivery); readable while the pipeline runs.</summary>
    public long Dropped => _input?.Dropped ?? 0;

    public async Task<PipelineResult> RunAsync(IProgress<PipelineProgress>? progress, CancellationToken cancel)
    {
        var wall = Stopwatch.StartNew();
        var capacity = options.ChannelCapacity ?? PipelineOptions.CapacityFor(source.Width, source.Height);
        var input = _input = new FrameQueue<FramePacket>(capacity, options.Delivery, Recycle);
        var queues = new List<ChannelReader<FramePacket>> { input.Reader };
        // Capture blocks in the decoder, so it starts on a thread of its own; every loop awaits the channels (whose
        // pooled awaitables cost no allocation per frame), so no thread blocks waiting for a neighbour.
        var tasks = new List<Task> { Task.Factory.StartNew(() => CaptureAsync(input.Writer, cancel), TaskCreationOptions.LongRunning).Unwrap() };
        var clocks = new List<StageClock> { _captureClock };
        foreach (var stage in stages)
        {
            var next = new FrameQueue<FramePacket>(capacity, DeliveryPolicy.EveryMessage);
            var clock = new StageClock(stage.Name);
            clocks.Add(clock);
            var reader = queues[^1];
            var gate = queues.Count == 1 ? FlowLimit : null; // the first stage admits frames into the pipeline
            tasks.Add(Task.Run(() => RunStageAsync(stage, clock, reader, next.Writer, gate)));
            queues.Add(next.Reader);
        }
        clocks.Add(_sinkClock);
        var last = queues[^1];
        tasks.Add(Task.Run(() => DrainAsync(last, progress, wall)));
        await Task.WhenAll(tasks).ConfigureAwait(false);
        // Reached only when nothing failed: completed or cancelled.
        var committed = !cancel.IsCancellationRequested || options.CommitWhenCancelled;
        if (committed)
        {
            var end = new StreamEnd();
            foreach (var stage in stages) stage.Complete(end);
            foreach (var sink in sinks) sink.Commit(end);
        }
        var steadyFrames = _framesWritten - WarmUpFrames;
        var allocated = _allocatedAtWarmUp >= 0 && steadyFrames > 0 ? (GC.GetTotalAllocatedBytes() - _allocatedAtWarmUp) / (double)steadyFrames : double.NaN;
        return new PipelineResult(_framesRead, _framesWritten, input.Dropped, _firstMs, _lastMs,
            wall.Elapsed.TotalMilliseconds, cancel.IsCancellationRequested, clocks) { SteadyBytesPerFrame = allocated, Committed = committed };
    }

    private async Task CaptureAsync(ChannelWriter<FramePacket> output, CancellationToken cancel)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var packet = _packets.Rent();
                var started = _captureClock.Start();
                if (source.Read(packet.Image) is not { } envelope)
                {
                    _packets.Return(packet);
                    break;
                }
                _captureClock.Stop(started);
                packet.Analysis.Envelope = envelope;
                _framesRead++;
                if (double.IsNaN(_firstMs)) _firstMs = envelope.OriginatingTimeMs;
                _lastMs = envelope.OriginatingTimeMs;
                // Batch: waits for room. Live: never waits; the channel drops its oldest frame instead.
                if (!output.TryWrite(packet)) await output.WriteAsync(packet, _abort.Token).ConfigureAwait(false);
            }
            output.Complete();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
            throw;
        }
    }

    private async Task RunStageAsync(IFrameStage stage, StageClock clock, ChannelReader<FramePacket> input, ChannelWriter<FramePacket> output, FlowLimiter? gate)
    {
        try
        {
            while (await input.WaitToReadAsync().ConfigureAwait(false))
            {
                // With a flow limit, a frame is taken only when there is room in flight, so while the pipeline is busy
                // the newest frames wait in the input channel (which drops the oldest) rather than in the stages.
                if (gate is not null) await gate.AdmitAsync(_abort.Token).ConfigureAwait(false);
                var admitted = false;
                while (input.TryRead(out var packet))
                {
                    admitted = true;
                    var started = clock.Start();
                    stage.Process(packet);
                    clock.Stop(started);
                    if (!output.TryWrite(packet)) await output.WriteAsync(packet, _abort.Token).ConfigureAwait(false);
                    if (gate is not null) break; // one admission, one frame
                }
                if (gate is not null && !admitted) gate.Release();
            }
            output.Complete();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            output.Complete();
        }
        catch (Exception e)
        {
            _abort.Cancel();
            output.Complete(e);
            throw;
        }
    }

    private async Task DrainAsync(ChannelReader<FramePacket> input, IProgress<PipelineProgress>? progress, Stopwatch wall)
    {
        try
        {
            await DrainAllAsync(input, progress, wall).ConfigureAwait(false);
        }
        catch
        {
            _abort.Cancel();
            throw;
        }
    }

    private async Task DrainAllAsync(ChannelReader<FramePacket> input, IProgress<PipelineProgress>? progress, Stopwatch wall)
    {
        var lastReport = TimeSpan.Zero;
        while (await input.WaitToReadAsync().ConfigureAwait(false))
        {
            while (input.TryRead(out var packet))
            {
                var started = _sinkClock.Start();
                foreach (var sink in sinks)
                {
                    if (sink is IFrameImageSink viewer) viewer.Write(packet.Analysis, packet.Image);
                    else sink.Write(packet.Analysis);
                }
                _sinkClock.Stop(started);
                _framesWritten++;
                if (_framesWritten == WarmUpFrames) _allocatedAtWarmUp = GC.GetTotalAllocatedBytes();
                if (progress is not null && wall.Elapsed - lastReport > ProgressInterval)
                {
                    lastReport = wall.Elapsed;
                    progress.Report(new PipelineProgress(_framesWritten, packet.Envelope.OriginatingTimeMs, wall.Elapsed.TotalMilliseconds));
                }
                Recycle(packet);
                FlowLimit?.Release();
            }
        }
        progress?.Report(new PipelineProgress(_framesWritten, _lastMs, wall.Elapsed.TotalMilliseconds));
    }

    private void Recycle(FramePacket packet)
    {
        foreach (var face in packet.Analysis.Faces) observations.Return(face);
        packet.Analysis.Faces.Clear();
        packet.Analysis.Events.Clear();
        packet.Analysis.Blinks.Clear();
        packet.Analysis.Unreported.Clear();
        packet.Analysis.FormingLevels.Clear();
        _packets.Return(packet);
    }
}
