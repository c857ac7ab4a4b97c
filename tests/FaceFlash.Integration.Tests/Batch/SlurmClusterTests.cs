using System.Diagnostics;
using FaceFlash.Integration.Tests.Runtime;
using FaceFlash.Integration.Tests.Support;

namespace FaceFlash.Integration.Tests.Batch;

/// <summary>
/// The Slurm sample on a real scheduler: tools/slurm-test.sh starts munged, slurmctld and slurmd for this host,
/// submits the job array three times (plain; with a task cancelled mid-video and the command re-submitted; with
/// --force and a task cancelled) and checks every output. Skipped, with the script's reason, where it cannot run.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class SlurmClusterTests
{
    [Fact]
    public async Task TheJobArraySampleRunsOnARealSingleNodeCluster()
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepoRoot, "tools", "slurm-test.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        using var process = Process.Start(psi)!;
        var cancel = TestContext.Current.CancellationToken;
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(TimeSpan.FromMinutes(6));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout + await stderr;
        Assert.SkipWhen(output.StartsWith("skip:", StringComparison.Ordinal), output.Trim());
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("PASS", output);
        Assert.Matches(@"sacct: (\d+_\d=COMPLETED ){4}", output);
        Assert.Matches(@"\d+_2=CANCELLED", output);
    }
}
