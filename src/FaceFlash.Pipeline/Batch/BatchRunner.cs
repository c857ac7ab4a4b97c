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
/// input's outputs are committed atomically and its run record last; inputs already done (same bytes, same FaceFlash
/// build, same models and settings) are skipped unless forced; one process at a time writes an input's outputs;
/// leftovers of an interrupted run are cleared before an input is redone.
/// </summary>
public sealed class BatchRunner(ModelRepository models, AnalysisSettings settings, int jobs, bool force)
{
    /// <summary>Called per input as it starts, for progress display: returns the progress sink and a callback for the frame count.</summary>
    public Func<BatchInput, (IProgress<PipelineProgress>? Progress, Action<int?> Total)>? Started { get; init; }

    public string ModelsFingerprint { get; } = Fingerprint(models.Manifest);

    private readonly string _settingsFingerprint = settings.OutputsFingerprint();

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
            foreach (var dir in inputs.Select(i => i.OutputDirectory).Distinct().Where(Directory.Exists))
                try
                {
                    RunRecord.WriteManifest(dir);
                    if (settings.Formats.Contains("megc")) Core.Output.MegcWriter.WriteSet(dir, settings.MegcEmotion);
                }
                // A folder that cannot be written to failed its inputs already, each with its reason.
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.Debug(e, "{Dir}: the manifest and MEGC set were not written", dir);
                }
        }
        return outcomes.ToList();
    }

    private async Task<BatchOutcome> RunOneAsync(BatchInput input, CancellationToken cancel)
    {
        ((OutputLock Lock, BatchInput Input, RunRecord? Earlier)? Claimed, string? Busy) claiming;
        try
        {
            claiming = Claim(input);
        }
        // Results go beside their input unless --out names a folder: a read-only dataset's folder cannot take them
        // (the lock failed, the batch ended as an unexpected failure).
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(input, $"{OutputFolder.Unwritable(input.OutputDirectory) ?? FirstLine(e.Message)}; give --out DIR for the results");
        }
        var (claimed, busy) = claiming;
        if (claimed is not { } claim)
        {
            Log.Warning("{Input}: {Reason}", input.Source, busy);
            return new BatchOutcome(input, BatchStatus.Skipped, busy);
        }
        using var held = claim.Lock;
        return await RunClaimedAsync(claim.Input, claim.Earlier, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the input's outputs in its folder (<see cref="OutputLock"/>). A stem already used there by another input
    /// — an earlier run of a file of the same name from another folder, or another process analysing one now — makes
    /// this input's stem unique by its path (<see cref="BatchInput.WithPathSuffix"/>), so neither overwrites the
    /// other (a stem whose earlier input failed before writing anything is free). With the claim comes the stem's earlier
    /// run record, read under the lock. No claim, with the reason,
    /// while another process analyses this very input.
    /// </summary>
    private static ((OutputLock Lock, BatchInput Input, RunRecord? Earlier)? Claimed, string? Busy) Claim(BatchInput input)
    {
        Directory.CreateDirectory(input.OutputDirectory);
        for (var attempt = 0; ; attempt++)
        {
            var taken = OutputLock.TryTake(input.OutputDirectory, input.Stem, input.Source, out var holder);
            var record = taken is null ? null : RunRecord.Read(input);
            // A stem is another input's while that input analyses it or has outputs under it: one that failed outright wrote none.
            var othersStem = taken is null ? holder is not null && holder.Input != input.Source
                : record is not null && record.Input != input.Source && record.Outputs.Count > 0;
            if (othersStem && attempt == 0)
            {
                taken?.Dispose();
                input = input.WithPathSuffix();
                continue;
            }
            return taken is null
                ? (null, $"being analysed by another FaceFlash process (pid {holder?.Pid.ToString() ?? "?"}) into {input.OutputDirectory}; left to it")
                : ((taken, input, record), null);
        }
    }

    private async Task<BatchOutcome> RunClaimedAsync(BatchInput input, RunRecord? earlier, CancellationToken cancel)
    {
        try
        {
            return await AnalyseAsync(input, earlier, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new BatchOutcome(input, BatchStatus.Cancelled, "interrupted before its analysis started");
        }
    }

    private async Task<BatchOutcome> AnalyseAsync(BatchInput input, RunRecord? earlier, CancellationToken cancel)
    {
        // A pipe, device, camera or stream URL is analysed every time it is given, without a fingerprint.
        var stream = VideoSource.IsReadOnce(input.Source);
        var (size, sha256) = stream ? (0L, "") : RunRecord.Fingerprint(input.Source, cancel);
        var now = Record(input, size, sha256, "complete", null, []);
        if (!force && !stream && earlier?.Covers(input, now) == true)
        {
            Log.Information("{Input}: already analysed, skipped (--force redoes it)", input.Source);
            return new BatchOutcome(input, BatchStatus.Skipped, null);
        }
        ClearLeftovers(input);
        // A forced re-run over a whole earlier result replaces it only when it completes: interrupted, it is discarded.
        var keepEarlier = earlier?.IsWhole(input) == true;
        var runSettings = keepEarlier ? settings with { Pipeline = settings.Pipeline with { CommitWhenCancelled = false } } : settings;
        var (progress, total) = Started?.Invoke(input) ?? (null, _ => { });
        try
        {
            var summary = await VideoAnalysisJob.RunAsync(input.Source, new OutputPaths(input.OutputDirectory, input.Stem), models, runSettings,
                source => total(settings.FramesToAnalyse(source) * (settings.MirrorCheck ? 2 : 1)), progress, cancel).ConfigureAwait(false);
            if (summary is null)
                return new BatchOutcome(input, BatchStatus.Cancelled, keepEarlier ? "interrupted; the earlier complete result is kept" : "interrupted before its results were written");
            (now with { Status = summary.Status, Outputs = [.. summary.Outputs, input.Stem + ".summary.json"], FinishedAt = DateTimeOffset.UtcNow }).Write(input);
            LogWarnings(input, summary);
            return summary.Status switch
            {
                "complete" => new BatchOutcome(input, BatchStatus.Done, null),
                "incomplete" => Failed(input, $"{summary.Warnings[0]}; what could be decoded is analysed and written"),
                _ => new BatchOutcome(input, BatchStatus.Cancelled, "interrupted; what was processed is written"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // Whatever failed — the input, an output, OpenCV, ONNX Runtime — is this input's failure: its outputs were
            // not committed, and the batch goes on. Bad input explains itself; anything else also names its type.
            var reason = e is SourceException ? e.Message : $"{FirstLine(e.Message)} ({e.GetType().Name})";
            Log.Debug(e, "{Input} failed", input.Source);
            if (!keepEarlier) TryRecordFailure(input, now with { Status = "failed", Reason = reason });
            return Failed(input, reason);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _saidOnce = new();

    /// <summary>
    /// Says on the terminal what an input's summary warns of (no face found, a frozen picture, images of another size
    /// …), so that a batch's problems are seen without opening each summary. The frame-rate note is the same for every
    /// video of a camera: it is said once a batch. A damaged input's damage is its error line instead.
    /// </summary>
    private void LogWarnings(BatchInput input, RunSummary summary)
    {
        var rateNote = settings.Segmenter.ResolutionWarning(summary.FpsMeasured ?? double.NaN);
        foreach (var warning in summary.Warnings.Skip(summary.Status == "incomplete" ? 1 : 0))
            if (warning != rateNote) Log.Warning("{Input}: {Warning}", input.Source, warning);
            else if (_saidOnce.TryAdd(warning, true)) Log.Warning("{Warning} (said once; each such video's summary says it too)", warning);
    }

    private static BatchOutcome Failed(BatchInput input, string reason)
    {
        // A bad input's reason names it already ("clip.mp4 does not exist"): the line then says it once.
        if (reason.StartsWith(input.Source, StringComparison.Ordinal)) Log.ForContext("Input", input.Source).Error("{Reason}", reason);
        else Log.Error("{Input}: {Reason}", input.Source, reason);
        return new BatchOutcome(input, BatchStatus.Failed, reason);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>A failure is recorded where the output folder takes it; a full or read-only folder must not end the batch.</summary>
    private static void TryRecordFailure(BatchInput input, RunRecord failed)
    {
        try
        {
            failed.Write(input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Warning("{Input}: the failure could not be recorded: {Reason}", input.Source, e.Message);
        }
    }

    private RunRecord Record(BatchInput input, long size, string sha256, string status, string? reason, IReadOnlyList<string> outputs) =>
        new(input.Source, size, sha256, VideoAnalysisJob.Build, ModelsFingerprint, _settingsFingerprint, status, reason, outputs, DateTimeOffset.UtcNow);

    /// <summary>
    /// Temporary files and folders a killed run left for this input's outputs (<c>&lt;stem&gt;.&lt;kind&gt;.….partial</c>);
    /// they are never valid outputs, and with the input's lock held no live process is writing them.
    /// </summary>
    private static void ClearLeftovers(BatchInput input)
    {
        var pattern = input.Stem + ".*" + Core.Output.AtomicFile.PartialSuffix;
        foreach (var file in Directory.GetFiles(input.OutputDirectory, pattern))
            if (OutputPaths.KindOf(input.Stem, Path.GetFileName(file)) is not null) File.Delete(file);
        foreach (var folder in Directory.GetDirectories(input.OutputDirectory, pattern))
            if (OutputPaths.KindOf(input.Stem, Path.GetFileName(folder)) is not null) Directory.Delete(folder, recursive: true);
    }

    private static string Fingerprint(ModelManifest manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', manifest.Models.Select(m => $"{m.Name}:{m.Sha256}")))));
}
