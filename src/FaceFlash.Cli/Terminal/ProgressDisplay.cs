using FaceFlash.Pipeline;
using Spectre.Console;

namespace FaceFlash.Cli.Terminal;

/// <summary>A progress bar per video on stderr: frames, processing fps and ETA. Silent with --quiet or without a terminal.</summary>
public sealed class ProgressDisplay
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private readonly bool _enabled;

    public ProgressDisplay(bool quiet) => _enabled = !quiet && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/> with a bar; the work calls back once with the total frame count (if known).</summary>
    public async Task<T> RunAsync<T>(string label, Func<Action<int?>, IProgress<PipelineProgress>?, Task<T>> work)
    {
        if (!_enabled) return await work(_ => { }, null);
        T result = default!;
        await _console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                task.IsIndeterminate = true;
                var progress = new Progress<PipelineProgress>(p =>
                {
                    var fps = p.WallMs > 0 ? p.FramesWritten * 1000 / p.WallMs : 0;
                    task.Description = Markup.Escape($"{label}  {p.FramesWritten} frames  {fps:0} fps");
                    task.Value = Math.Min(p.FramesWritten, task.MaxValue);
                });
                result = await work(total =>
                {
                    if (total is not > 0) return;
                    task.MaxValue = total.Value;
                    task.IsIndeterminate = false;
                }, progress);
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }
}
