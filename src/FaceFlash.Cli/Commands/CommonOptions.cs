using System.CommandLine;
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

    public static ModelRepository OpenModels(ParseResult parse) =>
        parse.GetValue(Models) is { } dir ? new ModelRepository(dir) : ModelRepository.Default();
}
