using FaceFlash.Pipeline;
using FaceFlash.Pipeline.Batch;
using Spectre.Console;

namespace FaceFlash.Cli.Terminal;

/// <summary>A progress bar per video on stderr — frames, processing fps and ETA — for as many as run at once. Silent with --quiet or without a terminal.</summary>
public sealed class ProgressDisplay(bool quiet)
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private readonly bool _enabled = !quiet && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/>, giving it a factory that makes a bar for each input as it starts.</summary>
    public async Task<T> RunAsync<T>(Func<Func<BatchInput, (IProgress<PipelineProgress>?, Action<int?>)>?, Task<T>> work)
    {
        if (!_enabled) return await work(null);
        T result = default!;
        await _console.Progress()
            .AutoClear(false)
            .Columns(Columns())
            .StartAsync(async ctx => result = await work(input => Bar(ctx, input)));
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with one bar labelled <paramref name="label"/>, which it tells how many of how many
    /// (when known) are done; without a terminal or with --quiet it runs without one.
    /// </summary>
    public T Run<T>(string label, Func<IProgress<(long Done, long? Total)>?, T> work)
    {
        if (!_enabled) return work(null);
        T result = default!;
        _console.Progress()
            .AutoClear(true)
            .Columns(Columns())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
                task.IsIndeterminate = true;
                result = work(new SynchronousProgress<(long Done, long? Total)>(p =>
                {
                    if (p.Total is > 0 and long total && task.IsIndeterminate) (task.MaxValue, task.IsIndeterminate) = (total, false);
                    task.Value = Math.Min(p.Done, task.MaxValue);
                }));
            });
        return result;
    }

    private static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn()];

    /// <summary>Reports on the caller's thread: <see cref="Progress{T}"/> would post to the thread pool, after the work ended.</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> report) : IProgress<TValue>
    {
        public void Report(TValue value) => report(value);
    }

    private static (IProgress<PipelineProgress>?, Action<int?>) Bar(ProgressContext ctx, BatchInput input)
    {
        var label = Path.GetFileName(input.Source);
        var task = ctx.AddTask(Markup.Escape(label), maxValue: 1);
        task.IsIndeterminate = true;
        var progress = new Progress<PipelineProgress>(p =>
        {
            var fps = p.WallMs > 0 ? p.FramesWritten * 1000 / p.WallMs : 0;
            task.Description = Markup.Escape($"{label}  {p.FramesWritten} frames  {fps:0} fps");
            task.Value = Math.Min(p.FramesWritten, task.MaxValue);
        });
        return (progress, total =>
        {
            if (total is not > 0) return;
            task.MaxValue = total.Value;
            task.IsIndeterminate = false;
        });
    }
}
