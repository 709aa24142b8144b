namespace VixShield.Cli.Infrastructure;

/// <summary>
/// A problem the user can fix (bad file, bad value, unavailable engine). Caught at the top of <c>vixshield</c>
/// and printed as one line, <c>vixshield: error: FILE:LINE: field 'vol': ...</c>, never with a stack trace.
/// </summary>
internal sealed class CliUserException : Exception
{
    /// <summary>A user error that is not tied to a place in a file.</summary>
    public CliUserException(string message, int exitCode = ExitCodes.InputError)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>A user error that is not tied to a place in a file, with the exception behind it (kept for --verbose).</summary>
    public CliUserException(string message, Exception inner, int exitCode = ExitCodes.InputError)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    private CliUserException(string message, string file, long line, string? field, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Field = field;
        ExitCode = ExitCodes.InputError;
    }

    /// <summary>The file the problem is in, if any.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of <see cref="File"/> (0 when unknown).</summary>
    public long Line { get; }

    /// <summary>The column/field name, if the problem is in one field.</summary>
    public string? Field { get; }

    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; }

    /// <summary>An error at a place in an input file: <c>FILE:LINE: field 'NAME': MESSAGE</c>.</summary>
    public static CliUserException At(string file, long line, string? field, string message, Exception? inner = null) =>
        new(message, file, line, field, inner);

    /// <summary>The one-line text printed after <c>vixshield: error: </c>.</summary>
    public string Describe()
    {
        if (File is null) return Message;
        string where = Line > 0 ? $"{File}:{Line}: " : $"{File}: ";
        string field = Field is null ? string.Empty : $"field '{Field}': ";
        return where + field + Message;
    }
}
