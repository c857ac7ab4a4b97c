namespace FaceFlash.ModelImport;

/// <summary>The upstream model cannot be converted; the message names the op or node at fault.</summary>
public sealed class ImportException(string message) : Exception(message);
