using System.CommandLine;
using FaceFlash.Core.Tracking;
using FaceFlash.Models.Runtime;

namespace FaceFlash.Cli.Commands;

/// <summary>Options every command shares.</summary>
public static class CommonOptions
{
    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Only errors on the terminal; no progress bar.",
        Recursive = true,
    };

    public static readonly Option<string?> LogFile = new("--log")
    {
        Description = "Also write structured JSON log lines to this file.",
        Recursive = true,
        HelpName = "FILE",
    };

    public static readonly Option<string?> Models = new("--models")
    {
        Description = $"Folder with models.json and the ONNX files (default: beside the program, or ${ModelRepository.EnvironmentVariable}).",
        Recursive = true,
        HelpName = "DIR",
    };

    /// <summary>A fresh instance per command (an option belongs to one command).</summary>
    public static Option<double> LandmarkRefresh() => new("--landmark-refresh-ms")
    {
        Description = "Run FaceMesh at least this often; in between, and while the face only moves rigidly, optical flow carries the landmarks on. 0 runs FaceMesh on every frame.",
        DefaultValueFactory = _ => new TrackingPolicy().LandmarkRefreshMs,
        HelpName = "MS",
    };

    public static ModelRepository OpenModels(ParseResult parse) =>
        parse.GetValue(Models) is { } dir ? new ModelRepository(dir) : ModelRepository.Default();
}
