using System.Text.Json;
using FaceFlash.Core.Output;

namespace FaceFlash.Core.Segmentation;

/// <summary>
/// A stretch of one face's track in which no movement could be reported, whatever the face did: from its first sample
/// to its last (live, to the moment its levels formed, a second after the first), in ms from the start of the video to
/// a tenth, with the frames there numbered from 1 as the frames CSV numbers them, and why
/// (<see cref="UnmeasuredReasons"/>). Listed in the summary, so that a coded expression missed there is known to have
/// been missed unseen, not judged (<c>faceflash eval</c>'s <c>not_measured</c>).
/// </summary>
public sealed record UnmeasuredStretch(int FaceId, double FromMs, double ToMs, long FromFrame, long ToFrame, string Reason)
{
    public double DurationMs => Math.Round(ToMs - FromMs, 1);

    /// <param name="fromFrame">0-based, as samples carry it</param>
    /// <param name="toFrame">0-based, as samples carry it</param>
    public static UnmeasuredStretch Of(int faceId, double fromMs, double toMs, long fromFrame, long toFrame, string reason) =>
        new(faceId, Math.Round(fromMs, 1), Math.Round(toMs, 1), fromFrame + 1, toFrame + 1, reason);

    /// <summary>The stretches a summary lists (its <c>unmeasured</c>); none for an earlier build's summary.</summary>
    public static List<UnmeasuredStretch> ListedIn(JsonElement summary) =>
        summary.TryGetProperty("unmeasured", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<List<UnmeasuredStretch>>(JsonFiles.Options) ?? []
            : [];
}

/// <summary>Why a stretch of a face's track was not measured, as the summary names it.</summary>
public static class UnmeasuredReasons
{
    /// <summary>
    /// Batch: the face's AU reference was retaken again before it had lived a second, and its levels would have been
    /// formed from a few frames and flagged noise, so its frames were set aside.
    /// </summary>
    public const string ReferenceTooBrief = "reference_too_brief";

    /// <summary>Live: the first second of a face's reference, while its levels form.</summary>
    public const string LevelsForming = "levels_forming";
}
