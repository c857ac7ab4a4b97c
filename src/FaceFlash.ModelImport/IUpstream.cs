namespace FaceFlash.ModelImport;

/// <summary>Where the importer looks for upstream files: the npm tarball cache and the folder of the MediaPipe bundle.</summary>
public sealed record UpstreamFolders(string NpmCache, string MediaPipeBundles, bool Fetch);

/// <summary>A pinned upstream archive that holds weights: its identity for the manifest, and how to find and read it.</summary>
public interface IUpstream
{
    string Name { get; }
    string Version { get; }
    string Licence { get; }

    /// <summary>How the manifest and log name it, e.g. "@scope/name@1.0.0".</summary>
    string Spec { get; }

    /// <summary>The archive's path, after checking its sha256; fetched first when it is an npm package and fetching is allowed.</summary>
    string Locate(UpstreamFolders folders);

    /// <summary>Reads the named files out of the located archive.</summary>
    Dictionary<string, byte[]> Read(string archive, IReadOnlySet<string> wanted);
}
