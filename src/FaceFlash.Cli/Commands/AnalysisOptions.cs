using System.CommandLine;
using FaceFlash.Core.Faces;
using FaceFlash.Core.Output;
using FaceFlash.Core.Segmentation;
using FaceFlash.Core.Tracking;
using FaceFlash.Models;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Vision.ActionUnits;
using FaceFlash.Vision.Faces;

namespace FaceFlash.Cli.Commands;

/// <summary>
/// The one binder for every option that shapes an analysis, shared by <c>analyze</c>, <c>live</c> and <c>bench</c>:
/// each command makes its own instance (an option belongs to one command), adds the options, and binds them to an
/// <see cref="AnalysisSettings"/>. Defaults are read from the settings records, never repeated here; every numeric
/// option is validated with a one-line error.
/// </summary>
public sealed class AnalysisOptions
{
    private static readonly AnalysisSettings Defaults = new();
    private static readonly TrackingPolicy TrackingDefaults = new();
    private static readonly SegmenterOptions SegmenterDefaults = new();

    private readonly Option<double> _microMin = new("--micro-min-ms")
    {
        Description = "Shortest micro-expression, ms.",
        DefaultValueFactory = _ => SegmenterDefaults.MicroMinMs,
        HelpName = "MS",
    };

    private readonly Option<double> _microMax = new("--micro-max-ms")
    {
        Description = "Longest micro-expression, ms; longer ones are macro. Default 200, or 500 (MEGC's definition) with --format megc.",
        DefaultValueFactory = _ => SegmenterDefaults.MicroMaxMs,
        HelpName = "MS",
    };

    private readonly Option<float> _minConfidence = new("--min-confidence")
    {
        Description = "Report a movement only when the face's tracking confidence averages at least this over it (0–1); a poorly seen face's movements are listed as unclear_face, and its AUs are written either way. 0 reports them all.",
        DefaultValueFactory = _ => SegmenterDefaults.MinTrackingConfidence,
        HelpName = "C",
    };

    private readonly Option<string[]> _format = new("--format")
    {
        Description = "Also write megc (spotting rows vid,onset,offset,type in <stem>.megc.csv, gathered per folder in megc.csv; micro then means up to 500 ms unless --micro-max-ms says otherwise) elan (<stem>.eaf), openface (<stem>.openface.csv in OpenFace 2.2's layout; runs the iris model for gaze) and/or aligned (<stem>.aligned/: each tracked face in each frame as a 112 × 112 aligned PNG, named as OpenFace names them).",
        AllowMultipleArgumentsPerToken = true,
        HelpName = string.Join('|', OutputFormats),
        // "--format megc,elan" is how people write a list; "--format megc elan" and repeating the option work too.
        CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
    };

    private static readonly string[] OutputFormats = ["megc", "elan", "openface", "aligned"];

    private readonly Option<string> _landmarks = new("--landmarks")
    {
        Description = "Landmark coordinates in the frames CSV: mesh (x, y and z of the 468 points), xy (x and y) or none (the face box, pose, AUs and the rest stay: about 2 % of the size, for long or high-speed recordings).",
        DefaultValueFactory = _ => Defaults.Landmarks.ToString().ToLowerInvariant(),
    };

    private readonly Option<string?> _auModel = new("--au-model")
    {
        Description = "Estimate AUs with this action-units model from the manifest instead of the built-in motion estimator.",
        HelpName = "NAME",
    };

    private readonly Option<bool> _megcEmotion = new("--megc-emotion")
    {
        Description = "With --format megc, add each event's emotion as a fifth column (vid,onset,offset,type,emotion).",
    };

    private readonly Option<bool> _noClassifier = new("--no-emotion-classifier")
    {
        Description = "Label events from the EMFACS rules alone, without the emotion classifier.",
    };

    private readonly Option<string> _flowOn = new("--flow-on")
    {
        Description = "What the motion estimator's optical flow compares: detail (each face patch less its blur: light changing over seconds — auto-exposure, daylight — is not read as movement) or brightness (the grey levels as they are: a change of light reads as movement; about 10 % faster).",
        DefaultValueFactory = _ => Defaults.FlowInput.ToString().ToLowerInvariant(),
    };

    private readonly Option<int?> _capacity = new("--channel-capacity")
    {
        Description = "Frames that may wait between two pipeline stages (default: 16 at 640×480, fewer for larger frames, at least 4; live: 2, the oldest dropped beyond).",
        HelpName = "N",
    };

    private readonly Option<int> _maxFaces = new("--max-faces")
    {
        Description = "Most faces tracked at once.",
        DefaultValueFactory = _ => TrackingDefaults.MaxFaces,
        HelpName = "N",
    };

    private readonly Option<string> _detector = new("--detector")
    {
        Description = "Face detector: auto (blazeface-front-128, then blazeface-back-256 when it finds no face), blazeface-front-128 (faces filling much of the frame) or blazeface-back-256 (small, distant faces).",
        DefaultValueFactory = _ => Defaults.Faces.Detector,
    };

    private readonly Option<string> _landmarkModel = new("--landmark-model")
    {
        Description = "Face landmarks: facemesh (the original FaceMesh) or facemesh-v2 (Face Mesh V2 from MediaPipe's Face Landmarker).",
        DefaultValueFactory = _ => Defaults.Faces.LandmarkModel,
    };

    private readonly Option<double> _landmarkRefresh = new("--landmark-refresh-ms")
    {
        Description = "Run FaceMesh at least this often; in between, and while the face only moves rigidly, optical flow carries the landmarks on. 0 runs FaceMesh on every frame.",
        DefaultValueFactory = _ => TrackingDefaults.LandmarkRefreshMs,
        HelpName = "MS",
    };

    private readonly Option<bool> _iris = new("--iris")
    {
        Description = "Also locate the iris centres (MediaPipe Iris; about 7 ms more per face and frame).",
    };

    private readonly Option<double> _sequenceFps = new("--sequence-fps")
    {
        Description = "Frame rate of image sequences, which carry no timestamps.",
        DefaultValueFactory = _ => Defaults.ImageSequenceFps,
        HelpName = "FPS",
    };

    private readonly Option<double?> _captureFps = new("--capture-fps")
    {
        Description = "The rate a high-speed camera captured at, when its video file declares a slower playback rate (1000 fps exported at 30): the file's times are scaled to it.",
        HelpName = "FPS",
    };

    private readonly Option<double?> _fx = new("--fx") { Description = "Camera focal length in x, pixels (default: 500 per 640 px of width, as OpenFace without calibration).", HelpName = "PX" };
    private readonly Option<double?> _fy = new("--fy") { Description = "Camera focal length in y, pixels (default: as --fx).", HelpName = "PX" };
    private readonly Option<double?> _cx = new("--cx") { Description = "Principal point x, pixels (default: the image centre).", HelpName = "PX" };
    private readonly Option<double?> _cy = new("--cy") { Description = "Principal point y, pixels (default: the image centre).", HelpName = "PX" };

    private readonly Option<int?> _alignedSize = new("--aligned-size")
    {
        Description = "With --format aligned, the aligned images' side in pixels (default 112, as OpenFace's; 224 for many image models).",
        HelpName = "PX",
    };

    private readonly Option<string?> _calibration = new("--calibration")
    {
        Description = "Camera intrinsics from a JSON file {\"fx\":…, \"fy\":…, \"cx\":…, \"cy\":…} (pixels); --fx/--fy/--cx/--cy override it.",
        HelpName = "FILE",
    };

    public AnalysisOptions()
    {
        _detector.AcceptOnlyFromAmong(FaceAnalyzerOptions.Detectors);
        _landmarkModel.AcceptOnlyFromAmong([.. FaceMeshVariant.All.Select(v => v.ModelName)]);
        OptionChecks.Check(_format, formats => (formats ?? []).FirstOrDefault(f => !OutputFormats.Contains(f)) is { } unknown
            ? $"--format must be {string.Join(", ", OutputFormats)} (or several, e.g. megc,elan), not '{unknown}'"
            : null);
        _flowOn.AcceptOnlyFromAmong([.. Enum.GetNames<FlowInput>().Select(n => n.ToLowerInvariant())]);
        _landmarks.AcceptOnlyFromAmong([.. Enum.GetNames<LandmarkColumns>().Select(n => n.ToLowerInvariant())]);
        static bool Positive(double v) => v > 0 && double.IsFinite(v);
        Require(_microMin, Positive, "a positive number");
        Require(_microMax, Positive, "a positive number");
        Require(_sequenceFps, Positive, "a positive number");
        Require(_captureFps, v => v is not { } fps || Positive(fps), "a positive number");
        Require(_maxFaces, v => v >= 1, "at least 1");
        Require(_minConfidence, v => v is >= 0 and <= 1, "between 0 and 1");
        Require(_landmarkRefresh, v => v >= 0 && double.IsFinite(v), "0 or more");
        Require(_capacity, v => v is not < 1, "at least 1");
        Require(_alignedSize, v => v is null or >= 32 and <= 1024, "from 32 to 1024 pixels");
        foreach (var option in new[] { _fx, _fy }) Require(option, v => v is not { } px || CameraIntrinsics.IsFocalLength(px), "a positive number of pixels, at most 1e6");
        foreach (var option in new[] { _cx, _cy }) Require(option, v => v is not { } px || CameraIntrinsics.IsPrincipalCoordinate(px), "a number of pixels from 0 to 1e6");
    }

    private static void Require<T>(Option<T> option, Func<T, bool> valid, string what) =>
        OptionChecks.Require(option, valid, $"{option.Name} must be {what}");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     _microMin, _microMax, _minConfidence, _format, _megcEmotion, _landmarks, _auModel, _flowOn, _noClassifier, _capacity, _maxFaces, _detector, _landmarkModel, _landmarkRefresh, _iris, _sequenceFps, _captureFps,
                     _alignedSize, _fx, _fy, _cx, _cy, _calibration,
                 })
            command.Options.Add(option);
    }

    /// <summary>
    /// The settings these options describe, or null after logging a one-line reason (options that contradict each
    /// other, an unreadable calibration file).
    /// </summary>
    public AnalysisSettings? TryBind(ParseResult parse, string? outputDirectory = null)
    {
        try
        {
            return Bind(parse, outputDirectory);
        }
        catch (FormatException e)
        {
            Serilog.Log.Error("{Reason}", e.Message);
            return null;
        }
    }

    /// <summary>
    /// The models the settings need, their files verified (a missing or altered file throws), or null after logging
    /// why the settings cannot use them (an AU model that is not listed, or measures no AUs).
    /// </summary>
    public static ModelRepository? OpenModels(ParseResult parse, AnalysisSettings settings)
    {
        var models = CommonOptions.OpenModels(parse);
        models.VerifyAll();
        if (AnalysisComponents.ActionUnitModelProblem(models, settings) is not { } problem) return models;
        Serilog.Log.Error("{Problem}", problem);
        return null;
    }

    private AnalysisSettings Bind(ParseResult parse, string? outputDirectory)
    {
        if (parse.GetValue(_microMin) >= parse.GetValue(_microMax)) throw new FormatException("--micro-min-ms must be below --micro-max-ms");
        var calibrated = parse.GetValue(_calibration) is { } file ? CameraIntrinsics.Load(file) : new CameraIntrinsics();
        var formats = (parse.GetValue(_format) ?? []).ToHashSet();
        if (parse.GetValue(_alignedSize) is not null && !formats.Contains("aligned")) throw new FormatException("--aligned-size is for --format aligned");
        return new AnalysisSettings
        {
            OutputDirectory = outputDirectory,
            Pipeline = new PipelineOptions { ChannelCapacity = parse.GetValue(_capacity) },
            Faces = Defaults.Faces with
            {
                Detector = parse.GetValue(_detector)!,
                LandmarkModel = parse.GetValue(_landmarkModel)!,
                // OpenFace's layout has gaze and eye landmarks, which need the iris.
                Iris = parse.GetValue(_iris) || formats.Contains("openface"),
                Tracking = TrackingDefaults with { MaxFaces = parse.GetValue(_maxFaces), LandmarkRefreshMs = parse.GetValue(_landmarkRefresh) },
                Camera = calibrated with
                {
                    Fx = parse.GetValue(_fx) ?? calibrated.Fx,
                    Fy = parse.GetValue(_fy) ?? calibrated.Fy,
                    Cx = parse.GetValue(_cx) ?? calibrated.Cx,
                    Cy = parse.GetValue(_cy) ?? calibrated.Cy,
                },
            },
            ImageSequenceFps = parse.GetValue(_sequenceFps),
            CaptureFps = parse.GetValue(_captureFps),
            Segmenter = SegmenterDefaults with
            {
                MicroMinMs = parse.GetValue(_microMin), MicroMaxMs = MicroMaxMs(parse), MinTrackingConfidence = parse.GetValue(_minConfidence),
            },
            Formats = formats,
            AlignedSize = parse.GetValue(_alignedSize),
            MegcEmotion = parse.GetValue(_megcEmotion),
            Landmarks = Enum.Parse<LandmarkColumns>(parse.GetValue(_landmarks)!, ignoreCase: true),
            ActionUnitModel = parse.GetValue(_auModel),
            FlowInput = Enum.Parse<FlowInput>(parse.GetValue(_flowOn)!, ignoreCase: true),
            EmotionClassifier = !parse.GetValue(_noClassifier),
        };
    }

    /// <summary>
    /// The longest micro-expression: as given; else MEGC's 500 ms when MEGC rows are asked for (its spotting
    /// challenges count up to 500 ms as micro, and rows typed by another definition would score wrongly); else 200 ms.
    /// </summary>
    private double MicroMaxMs(ParseResult parse) =>
        parse.GetResult(_microMax) is { Implicit: false } || !(parse.GetValue(_format) ?? []).Contains("megc")
            ? parse.GetValue(_microMax)
            : SegmenterOptions.MegcMicroMaxMs;
}
