// Shows the face layer as a library: track faces through a video and save one frame with the mesh drawn on it.
//   dotnet run --project samples/FaceFlash.Samples.LandmarkSnapshot -- VIDEO FRAME_INDEX OUT.png
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.Capture;
using FaceFlash.Vision.Faces;
using FaceFlash.Vision.Overlay;
using OpenCvSharp;

if (args.Length != 3 || !int.TryParse(args[1], out var wanted))
{
    Console.Error.WriteLine("usage: LandmarkSnapshot VIDEO FRAME_INDEX OUT.png");
    return 2;
}

using var source = VideoSource.Open(args[0]);
using var analyzer = new FaceAnalyzer(ModelRepository.Default(), new OnnxSessionSettings(), new FaceAnalyzerOptions());
var pool = new Pool<FaceObservation>(() => new FaceObservation());
var faces = new List<FaceObservation>();
using var frame = new Mat();
for (var index = 0; source.Read(frame) is { } envelope; index++)
{
    foreach (var f in faces) pool.Return(f);
    faces.Clear();
    analyzer.Analyze(frame, envelope.OriginatingTimeMs, pool, faces);
    if (index < wanted) continue;
    foreach (var face in faces) FaceOverlay.Draw(frame, face, mesh: true);
    Cv2.ImWrite(args[2], frame);
    Console.WriteLine($"frame {index} at {envelope.OriginatingTimeMs:0.#} ms: {faces.Count(f => f.Success)} face(s) drawn to {args[2]}");
    return 0;
}
Console.Error.WriteLine($"the video has fewer than {wanted + 1} frames");
return 1;
