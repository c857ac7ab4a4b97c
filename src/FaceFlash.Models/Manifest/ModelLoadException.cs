namespace FaceFlash.Models.Manifest;

/// <summary>A model file or manifest that is missing, altered or malformed; the message is one line for the user.</summary>
public sealed class ModelLoadException(string message) : Exception(message);
