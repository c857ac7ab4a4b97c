namespace FaceFlash.Core.Output;

/// <summary>A moment an experimenter marked in a live session (a stimulus, a note), at its frame's originating time.</summary>
public readonly record struct HandMarker(double TimeMs, string Label);
