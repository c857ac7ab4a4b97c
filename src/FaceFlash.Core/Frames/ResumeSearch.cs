namespace FaceFlash.Core.Frames;

/// <summary>
/// Where reading a damaged file can go on. A decoder that stopped before the end its container announces can start
/// again only from a keyframe, so the search tries times forward of the latest frame read — in doubling steps up to
/// <see cref="StrideMs"/>, then every <see cref="StrideMs"/>, so that no keyframe is jumped over by much — and then
/// closes in on the first time that decodes, so that little is skipped. It only ever tries times past the latest
/// frame read: a search that went back (to the file's start, say) would read the same frames again, for ever.
/// </summary>
public static class ResumeSearch
{
    /// <summary>The longest step between two tries.</summary>
    public const double StrideMs = 2000;

    /// <param name="furthestMs">the latest presentation time read</param>
    /// <param name="intervalMs">the file's frame interval</param>
    /// <param name="endMs">where the container says the file ends</param>
    /// <param name="decodesAt">whether a frame after <paramref name="furthestMs"/> decodes when the reader seeks to a time</param>
    /// <returns>the earliest time found to decode, within four frame intervals of the earliest that does; null when none does before the end</returns>
    public static double? Find(double furthestMs, double intervalMs, double endMs, Func<double, bool> decodesAt)
    {
        var failed = furthestMs;
        for (var step = intervalMs; furthestMs + step < endMs - intervalMs; step = step < StrideMs ? step * 2 : step + StrideMs)
        {
            if (!decodesAt(furthestMs + step))
            {
                failed = furthestMs + step;
                continue;
            }
            // The keyframe lies somewhere after the last time that failed: close in on it.
            var works = furthestMs + step;
            while (works - failed > 4 * intervalMs)
            {
                var middle = (failed + works) / 2;
                if (decodesAt(middle)) works = middle;
                else failed = middle;
            }
            return works;
        }
        return null;
    }
}
