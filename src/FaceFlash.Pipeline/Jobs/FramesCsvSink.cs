using FaceFlash.Core.Frames;
using FaceFlash.Core.Output;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Writes the frames CSV; committed when the run completes or is cancelled (rows written stay valid).</summary>
public sealed class FramesCsvSink(FramesCsvWriter writer) : IFrameSink, IDisposable
{
    public void Write(FrameAnalysis frame) => writer.Write(frame);
    public void Commit(StreamEnd end) => writer.Commit();
    public void Dispose() => writer.Dispose();
}

/// <summary>Writes <c>&lt;stem&gt;.openface.csv</c> (<c>--format openface</c>); committed like the frames CSV.</summary>
public sealed class OpenFaceCsvSink(OpenFaceCsvWriter writer) : IFrameSink, IDisposable
{
    public void Write(FrameAnalysis frame) => writer.Write(frame);
    public void Commit(StreamEnd end) => writer.Commit();
    public void Dispose() => writer.Dispose();
}

/// <summary>Writes the AU time series ELAN shows under the video (<c>--format elan</c>); committed like the frames CSV.</summary>
public sealed class ElanTimeSeriesSink(ElanTimeSeriesWriter writer) : IFrameSink, IDisposable
{
    public ElanTimeSeriesWriter Writer => writer;
    public void Write(FrameAnalysis frame) => writer.Write(frame);
    public void Commit(StreamEnd end) => writer.Commit();
    public void Dispose() => writer.Dispose();
}
