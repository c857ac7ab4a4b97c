namespace FaceFlash.Cli;

/// <summary>Process exit codes, documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>At least one input could not be analysed (missing, unreadable, not a video); the others were.</summary>
    public const int InputFailed = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>Models missing or altered, or an unexpected internal error.</summary>
    public const int Internal = 3;

    /// <summary>Interrupted (Ctrl+C / SIGTERM); what was processed so far is written and valid.</summary>
    public const int Cancelled = 130;
}
