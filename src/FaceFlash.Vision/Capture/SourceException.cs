namespace FaceFlash.Vision.Capture;

/// <summary>An input that cannot be read; the message is one line for the user.</summary>
public sealed class SourceException(string message) : Exception(message);
