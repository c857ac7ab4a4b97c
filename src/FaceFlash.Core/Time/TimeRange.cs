namespace FaceFlash.Core.Time;

/// <summary>
/// The part of a recording to analyse (<c>analyze --from S --to S</c>): frames whose time from the recording's first
/// frame lies in [<see cref="FromMs"/>, <see cref="ToMs"/>]. The frames keep their own times and numbers, so what is
/// written lines up with the whole recording (ELAN, a coding of the whole session).
/// </summary>
public sealed record TimeRange(double FromMs, double ToMs)
{
    public bool Contains(double ms) => ms >= FromMs && ms <= ToMs;

    /// <summary>
    /// About how many of a file's frames lie in the range (null when the file does not say): the file's frames taken
    /// as evenly spaced from 0, the last one at (count − 1) frame intervals. For the progress bar, and to say before
    /// anything is written that a range starts after the last frame.
    /// </summary>
    public int? FramesOf(int? frameCount, double fps)
    {
        if (frameCount is not { } count || !(fps > 0)) return null;
        var (first, last) = Indexes(fps, count - 1);
        return (int)Math.Clamp(last - first + 1, 0, count);
    }

    /// <summary>
    /// The first and last index k of frames at k / <paramref name="fps"/> s that lie in the range, up to
    /// <paramref name="lastIndex"/> (none when last &lt; first).
    /// </summary>
    public (long First, long Last) Indexes(double fps, long lastIndex)
    {
        // A millionth of a frame absorbs floating-point error at the range's ends.
        var first = Math.Ceiling(FromMs * fps / 1000 - 1e-6);
        var last = Math.Floor(Math.Min(ToMs * fps / 1000 + 1e-6, lastIndex));
        return ((long)Math.Max(first, 0), (long)last);
    }

    public override string ToString() => double.IsPositiveInfinity(ToMs) ? $"from {FromMs / 1000:0.###} s" : $"{FromMs / 1000:0.###}–{ToMs / 1000:0.###} s";
}
