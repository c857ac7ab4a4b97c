using FaceFlash.Models.Manifest;
using FaceFlash.Models.Runtime;

namespace FaceFlash.Integration.Tests.Models;

public sealed class ModelRepositoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faceflash-models-").FullName;

    public ModelRepositoryTests()
    {
        foreach (var file in Directory.GetFiles(TestPaths.Models)) File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EveryShippedModelMatchesItsManifestHashAndOpens()
    {
        var repository = new ModelRepository(_dir);
        Assert.Equal(7, repository.Manifest.Models.Count);
        foreach (var entry in repository.Manifest.Models)
        {
            var (_, session) = repository.Open(entry.Name, new OnnxSessionSettings());
            using (session)
                Assert.Equal(entry.Inputs.Select(i => i.Name), session.InputMetadata.Keys);
        }
    }

    [Fact]
    public void AnAlteredModelIsRefusedWithItsHashInTheMessage()
    {
        var path = Path.Combine(_dir, "facemesh.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01; // one flipped bit in the weights
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<ModelLoadException>(() => new ModelRepository(_dir).Open("facemesh", new OnnxSessionSettings()));
        Assert.Contains("sha256", e.Message);
        Assert.Contains("facemesh.onnx", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AMissingModelIsNamed()
    {
        File.Delete(Path.Combine(_dir, "iris.onnx"));
        var e = Assert.Throws<ModelLoadException>(() => new ModelRepository(_dir).Open("iris", new OnnxSessionSettings()));
        Assert.Contains("iris.onnx is missing", e.Message);
    }

    [Fact]
    public void AMissingManifestSaysWhereToLook()
    {
        File.Delete(Path.Combine(_dir, ModelManifest.FileName));
        var e = Assert.Throws<ModelLoadException>(() => new ModelRepository(_dir));
        Assert.Contains(ModelRepository.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void AnUnknownModelNameIsRefused()
    {
        var e = Assert.Throws<ModelLoadException>(() => new ModelRepository(_dir).Open("no-such-model", new OnnxSessionSettings()));
        Assert.Contains("no-such-model", e.Message);
    }
}
