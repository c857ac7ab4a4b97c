namespace FaceFlash.Core.Segmentation;

/// <summary>An AU's pulse, ended (or cut at the end of the face's stream: <paramref name="Truncated"/>), waiting to be grouped.</summary>
/// <param name="GatherBeforeMs">as the first of a group, the pulse gathers only pulses that started before this (a pulse
/// held from before a group already judged: that group's onset; see <see cref="ExpressionSegmenter"/>)</param>
internal readonly record struct AuPulse(ActionUnits.ActionUnit Au, Pulse Pulse, bool Truncated = false, double GatherBeforeMs = double.PositiveInfinity);
