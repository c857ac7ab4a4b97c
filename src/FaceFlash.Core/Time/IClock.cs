namespace FaceFlash.Core.Time;

/// <summary>A monotonic time base in milliseconds; the pipeline takes one so that tests can drive time themselves.</summary>
public interface IClock
{
    double NowMs { get; }
}
