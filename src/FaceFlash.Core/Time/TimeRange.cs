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
    /// About how many of a file's frames lie in the range, for a progress bar (null when the file does not say): the
    /// file's frames taken as evenly spaced from 0, the last one at (count − 1) frame intervals.
    /// </summary>
    public int? FramesOf(int? frameCount, double fps) =>
        frameCount is { } count && fps > 0
            ? (int)Math.Clamp(Math.Round((Math.Min(ToMs, (count - 1) * 1000 / fps) - FromMs) * fps / 1000) + 1, 0, count)
            : null;

    public override string ToString() => double.IsPositiveInfinity(ToMs) ? $"from {FromMs / 1000:0.###} s" : $"{FromMs / 1000:0.###}–{ToMs / 1000:0.###} s";
}
