using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Delivery;
using FaceFlash.Pipeline.Frames;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Pipeline.Stages;
using OpenCvSharp;

namespace FaceFlash.Integration.Tests.Runtime;

/// <summary>
/// The pipeline runtime in-process, with fake stages, a fake source and a hand-moved clock: delivery policies,
/// the flow limiter's invariants, ordering, cancellation, and what a failure leaves behind.
/// </summary>
public sealed class RuntimeTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new();
    private readonly Pool<FaceObservation> _observations = new(() => new FaceObservation());

    public void Dispose() => _dir.Dispose();

    /// <summary>Records what reaches the sinks, in order, and whether it was committed.</summary>
    private sealed class RecordingSink : IFrameSink
    {
        public List<FrameEnvelope> Seen { get; } = [];
        public int Commits { get; private set; }
        public Action<FrameAnalysis>? OnWrite { get; init; }

        public void Write(FrameAnalysis frame)
        {
            lock (Seen) Seen.Add(frame.Envelope);
            OnWrite?.Invoke(frame);
        }

        public void Commit(StreamEnd end) => Commits++;
    }

    /// <summary>A stage that checks the image really is the frame its envelope names, and can throw or block on cue.</summary>
    private sealed class CheckingStage(string name, long? throwAt = null, ManualResetEventSlim? holdFirst = null) : IFrameStage
    {
        private bool _held;
        public string Name => name;
        public int Mismatches { get; private set; }

        public void Process(FramePacket packet)
        {
            if (!_held && holdFirst is not null)
            {
                _held = true;
                holdFirst.Wait(TimeSpan.FromSeconds(20));
            }
            if (packet.Envelope.Index == throwAt) throw new InvalidOperationException($"{name} failed at frame {throwAt}");
            if (packet.Image.At<Vec3b>(0, 0).Item0 != packet.Envelope.Index % 256) Mismatches++;
        }

        public void Dispose() { }
    }

    private AnalysisPipeline Pipeline(FakeFrameSource source, IReadOnlyList<IFrameStage> stages, IReadOnlyList<IFrameSink> sinks, PipelineOptions options) =>
        new(source, stages, sinks, _observations, options);

    [Fact]
    public async Task BatchDeliversEveryFrameInOrderWithItsEnvelope()
    {
        var source = new FakeFrameSource(500, 10, _clock);
        var sink = new RecordingSink();
        var stages = new[] { new CheckingStage("a"), new CheckingStage("b") };
        var result = await Pipeline(source, stages, [sink], new PipelineOptions { ChannelCapacity = 4 }).RunAsync(null, CancellationToken.None);

        Assert.Equal(500, result.FramesRead);
        Assert.Equal(500, result.FramesWritten);
        Assert.Equal(0, result.FramesDropped);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), sink.Seen.Select(e => e.Index));
        Assert.All(sink.Seen, e => Assert.Equal(e.Index * 10.0, e.OriginatingTimeMs));
        Assert.All(sink.Seen, e => Assert.Equal((e.Index + 1) * 10.0, e.GrabbedAtMs)); // the source's clock, carried along
        Assert.All(stages, s => Assert.Equal(0, s.Mismatches));
        Assert.Equal(1, sink.Commits);
    }

    [Fact]
    public async Task LiveDropsTheOldestFramesCountsEveryDropAndKeepsTheFlowLimit()
    {
        // The first stage holds its first frame until the source has handed out all 200: meanwhile the input channel
        // (capacity 2) must drop the oldest frames, and the flow limiter must keep the rest out of the stages.
        var source = new FakeFrameSource(200, 5, _clock);
        var sink = new RecordingSink();
        var stages = new[] { new CheckingStage("slow", holdFirst: source.Exhausted), new CheckingStage("next") };
        var pipeline = Pipeline(source, stages, [sink], new PipelineOptions { ChannelCapacity = 2, Delivery = DeliveryPolicy.LatestMessage, MaxInFlight = 2 });
        var result = await pipeline.RunAsync(null, CancellationToken.None);

        Assert.Equal(200, result.FramesRead);
        Assert.Equal(result.FramesRead, result.FramesWritten + result.FramesDropped); // every frame processed or counted
        Assert.InRange(result.FramesDropped, 190, 198);
        Assert.Equal(result.FramesWritten, sink.Seen.Count); // no processed frame is lost on the way to the sinks
        Assert.True(sink.Seen.Zip(sink.Seen.Skip(1)).All(p => p.First.Index < p.Second.Index), "frames stay in order");
        Assert.Equal(199, sink.Seen[^1].Index); // the newest frame is kept
        var limiter = pipeline.FlowLimit!;
        Assert.InRange(limiter.MostInFlight, 1, 2);
        Assert.Equal(limiter.Admitted, limiter.Released);
        Assert.Equal(0, limiter.InFlight);
        Assert.All(stages, s => Assert.Equal(0, s.Mismatches));
    }

    [Fact]
    public async Task CancellationFinishesTheFramesInFlightAndCommits()
    {
        var source = new FakeFrameSource(null, 10, _clock);
        using var cancel = new CancellationTokenSource();
        var sink = new RecordingSink { OnWrite = f => { if (f.Index == 50) cancel.Cancel(); } };
        var result = await Pipeline(source, [new CheckingStage("a")], [sink], new PipelineOptions { ChannelCapacity = 4 }).RunAsync(null, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(result.FramesRead, result.FramesWritten); // batch: what was read was processed
        Assert.InRange(result.FramesWritten, 51, 51 + 3 * 4 + 2);
        Assert.Equal(1, sink.Commits);
    }

    [Theory]
    [InlineData("stage")]
    [InlineData("source")]
    public async Task AFailureFailsTheRunAndNothingIsCommitted(string failing)
    {
        var source = new FakeFrameSource(1000, 10, _clock, failAt: failing == "source" ? 30 : null);
        var path = _dir.File("clip.frames.csv");
        var sink = new RecordingSink();
        var stage = new CheckingStage("a", throwAt: failing == "stage" ? 20 : null);
        using (var frames = new FramesCsvSink(new FramesCsvWriter(path)))
        {
            var run = Pipeline(source, [stage, new CheckingStage("b")], [frames, sink], new PipelineOptions { ChannelCapacity = 4 }).RunAsync(null, CancellationToken.None);
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
            Assert.Contains("failed at frame", e.Message);
        }
        Assert.Equal(0, sink.Commits);
        Assert.True(sink.Seen.Count < 40);
        Assert.False(File.Exists(path), "a failed run must not leave its truncated CSV under the real name");
        Assert.Empty(AtomicFile.TemporariesOf(path)); // nor its temporary file
        Assert.True(source.Read < 1000, "capture stops once a stage has failed");
    }

    [Fact]
    public async Task TheFlowLimiterChecksItsInvariants()
    {
        var limiter = new FlowLimiter(2);
        Assert.Throws<InvalidOperationException>(limiter.Release); // nothing was admitted
        await limiter.AdmitAsync(CancellationToken.None);
        await limiter.AdmitAsync(CancellationToken.None);
        var third = limiter.AdmitAsync(CancellationToken.None);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(third.IsCompleted); // no room until a frame leaves
        limiter.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(2, limiter.InFlight);
        Assert.Equal(2, limiter.MostInFlight);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlowLimiter(0));
    }
}
