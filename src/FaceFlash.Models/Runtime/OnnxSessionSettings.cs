using Microsoft.ML.OnnxRuntime;

namespace FaceFlash.Models.Runtime;

/// <summary>
/// Session options chosen for the pipeline as a whole: the stages already run in parallel on their own tasks,
/// so each session gets one intra-op thread by default rather than competing for every core.
/// </summary>
public sealed record OnnxSessionSettings(int IntraOpThreads = 1, GraphOptimizationLevel Optimisation = GraphOptimizationLevel.ORT_ENABLE_ALL)
{
    public SessionOptions CreateOptions() => new()
    {
        GraphOptimizationLevel = Optimisation,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        IntraOpNumThreads = IntraOpThreads,
        InterOpNumThreads = 1,
        EnableCpuMemArena = true,
        EnableMemoryPattern = true,
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
    };
}
