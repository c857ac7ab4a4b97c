using FaceFlash.Core.Frames;

namespace FaceFlash.Pipeline.Jobs;

/// <summary>Counts frames with a face and distinct face ids for the summary.</summary>
public sealed class FaceCountSink : IFrameSink
{
    private readonly HashSet<int> _ids = [];

    public long FramesWithFace { get; private set; }
    public int FacesSeen => _ids.Count;

    public void Write(FrameAnalysis frame)
    {
        var any = false;
        foreach (var face in frame.Faces)
        {
            if (!face.Success) continue;
            any = true;
            _ids.Add(face.FaceId);
        }
        if (any) FramesWithFace++;
    }

    public void Commit(StreamEnd end) { }
}
