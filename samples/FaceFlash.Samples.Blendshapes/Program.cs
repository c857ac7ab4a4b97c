// Shows the learned expression measure as a library: Face Mesh V2 landmarks on a still image, then MediaPipe's
// blendshape scores and the FACS action units FaceFlash reads from them.
//   dotnet run --project samples/FaceFlash.Samples.Blendshapes -- IMAGE
using FaceFlash.Core.ActionUnits;
using FaceFlash.Core.Collections;
using FaceFlash.Core.Faces;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;
using OpenCvSharp;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Blendshapes IMAGE");
    return 2;
}
using var image = Cv2.ImRead(args[0]);
if (image.Empty())
{
    Console.Error.WriteLine($"error: cannot read {args[0]} as an image");
    return 1;
}

var models = ModelRepository.Default();
var settings = new OnnxSessionSettings();
using var analyzer = new FaceAnalyzer(models, settings, new FaceAnalyzerOptions { LandmarkModel = FaceMeshVariant.V2.ModelName });
using var estimator = new BlendshapeActionUnitEstimator(models, settings);
var faces = new List<FaceObservation>();
analyzer.Analyze(image, 0, new Pool<FaceObservation>(() => new FaceObservation()), faces);
var intensities = new float[ActionUnitInfo.Count];
foreach (var face in faces.Where(f => f.Success))
{
    estimator.BeginFrame(image, 0, 0);
    estimator.Estimate(image, face, intensities);
    Console.WriteLine($"face {face.FaceId}: strongest blendshapes");
    foreach (var (name, score) in BlendshapeActionUnits.MediaPipeBlendshapes.Zip(face.Blendshapes).OrderByDescending(p => p.Second).Take(5))
        Console.WriteLine($"  {name,-20} {score:0.00}");
    Console.WriteLine("  action units (0–5, raw: no neutral baseline removed): " + string.Join(", ",
        ActionUnitInfo.Bilateral.Where(au => intensities[(int)au] >= ActionUnitInfo.PresenceThreshold).Select(au => $"{au} {intensities[(int)au]:0.0}")));
}
if (faces.Count(f => f.Success) == 0) Console.WriteLine("no face found");
return 0;
