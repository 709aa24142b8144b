namespace VixShield.Cli.Infrastructure;

/// <summary>Process exit codes of <c>vixshield</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Success = 0;

    /// <summary>Bad input data (a file that is missing or malformed, a value that does not parse).</summary>
    public const int InputError = 1;

    /// <summary>Bad command line, or an engine/device asked for that cannot run here.</summary>
    public const int UsageError = 2;

    /// <summary>An unexpected internal failure (a bug): reported with the exception type; --verbose shows the stack trace.</summary>
    public const int InternalError = 70;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped with SIGTERM (128 + 15), handled like Ctrl+C: no partial output file.</summary>
    public const int Terminated = 143;
}
