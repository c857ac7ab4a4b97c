using System.Security.Cryptography;
using System.Text;
using FaceFlash.Models.Manifest;
using FaceFlash.Models.Runtime;
using FaceFlash.Pipeline.Jobs;
using FaceFlash.Vision.Capture;
using Serilog;

namespace FaceFlash.Pipeline.Batch;

/// <summary>How one input of a batch ended.</summary>
public enum BatchStatus { Done, Skipped, Failed, Cancelled }

public sealed record BatchOutcome(BatchInput Input, BatchStatus Status, string? Reason);

/// <summary>
/// Runs many inputs, <c>jobs</c> at a time, so that one bad file, a crash or a kill never costs finished work: each
/// input's outputs are committed atomically and its run record last; inputs already done (same bytes, same FaceFlash,
/// same models) are skipped unless forced; leftovers of an interrupted run are cleared before an input is redone.
/// </summary>
public sealed class BatchRunner(ModelRepository models, AnalysisSettings settings, int jobs, bool force)
{
    /// <summary>Called per input as it starts, for progress display: returns the progress sink and a callback for the frame count.</summary>
    public Func<BatchInput, (IProgress<PipelineProgress>? Progress, Action<int?> Total)>? Started { get; init; }

    public string ModelsFingerprint { get; } = Fingerprint(models.Manifest);

    public async Task<List<BatchOutcome>> RunAsync(IReadOnlyList<BatchInput> inputs, CancellationToken cancel)
    {
        var outcomes = new BatchOutcome[inputs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, inputs.Count), options, async (i, _) =>
                outcomes[i] = cancel.IsCancellationRequested
                    ? new BatchOutcome(inputs[i], BatchStatus.Cancelled, "interrupted before it started")
                    : await RunOneAsync(inputs[i], cancel).ConfigureAwait(false)).ConfigureAwait(false);
        }
        finally
        {
            foreach (var dir in inputs.Select(i => i.OutputDirectory).Distinct().Where(Directory.Exists)) RunRecord.WriteManifest(dir);
        }
        return outcomes.ToList();
    }

    private async Task<BatchOutcome> RunOneAsync(BatchInput input, CancellationToken cancel)
    {
        // A pipe, device, camera or stream URL is analysed every time it is given, without a fingerprint.
        var stream = VideoSource.IsReadOnce(input.Source);
        var (size, head) = stream ? (0L, "") : RunRecord.Fingerprint(input.Source);
        if (!force && !stream && RunRecord.Read(input)?.Covers(input, size, head, VideoAnalysisJob.Version, ModelsFingerprint) == true)
        {
            Log.Information("{Input}: already analysed, skipped (--force redoes it)", input.Source);
            return new BatchOutcome(input, BatchStatus.Skipped, null);
        }
        ClearLeftovers(input);
        var (progress, total) = Started?.Invoke(input) ?? (null, _ => { });
        try
        {
            var summary = await VideoAnalysisJob.RunAsync(input.Source, new OutputPaths(input.OutputDirectory, input.Stem), models, settings,
                source => total(source.FrameCount), progress, cancel).ConfigureAwait(false);
            var status = summary.Status == "complete" ? BatchStatus.Done : BatchStatus.Cancelled;
            Record(input, size, head, summary.Status, null, [.. summary.Outputs, input.Stem + ".summary.json"]);
            return new BatchOutcome(input, status, status == BatchStatus.Cancelled ? "interrupted; what was processed is written" : null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // Whatever failed — the input, an output, OpenCV, ONNX Runtime — is this input's failure: its outputs were
            // not committed, and the batch goes on. Bad input explains itself; anything else also names its type.
            var reason = e is SourceException ? e.Message : $"{FirstLine(e.Message)} ({e.GetType().Name})";
            Log.Error("{Input}: {Reason}", input.Source, reason);
            Log.Debug(e, "{Input} failed", input.Source);
            if (Directory.Exists(input.OutputDirectory)) TryRecordFailure(input, size, head, reason);
            return new BatchOutcome(input, BatchStatus.Failed, reason);
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>A failure is recorded where the output folder takes it; a full or read-only folder must not end the batch.</summary>
    private void TryRecordFailure(BatchInput input, long size, string head, string reason)
    {
        try
        {
            Record(input, size, head, "failed", reason, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning("{Input}: the failure could not be recorded: {Reason}", input.Source, e.Message);
        }
    }

    private void Record(BatchInput input, long size, string head, string status, string? reason, IReadOnlyList<string> outputs) =>
        new RunRecord(input.Source, size, head, VideoAnalysisJob.Version, ModelsFingerprint, status, reason, outputs, DateTimeOffset.UtcNow).Write(input);

    /// <summary>Temporary files a killed run left for this input; they are never valid outputs.</summary>
    private static void ClearLeftovers(BatchInput input)
    {
        if (!Directory.Exists(input.OutputDirectory)) return;
        foreach (var file in Directory.GetFiles(input.OutputDirectory, input.Stem + ".*"))
            if (file.Contains(Core.Output.AtomicFile.PartialSuffix, StringComparison.Ordinal)) File.Delete(file);
    }

    private static string Fingerprint(ModelManifest manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', manifest.Models.Select(m => $"{m.Name}:{m.Sha256}")))));
}
