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

    private CliUserException(string message, string file, long line, string? field, int column, Exception? inner)
        : base(message, inner)
    {
        File = file;
        Line = line;
        Field = field;
        Column = column;
        ExitCode = ExitCodes.InputError;
    }

    /// <summary>The file the problem is in, if any.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of <see cref="File"/> (0 when unknown).</summary>
    public long Line { get; }

    /// <summary>The column/field name, if the problem is in one field.</summary>
    public string? Field { get; }

    /// <summary>The 1-based column number of <see cref="Field"/> (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; }

    /// <summary>An error at a place in an input file: <c>FILE:LINE: field 'NAME' (column N): MESSAGE</c>.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="line">1-based line (0 when unknown).</param>
    /// <param name="field">The column name, or null.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The exception behind it, shown with --verbose.</param>
    /// <param name="column">1-based column number of the field (0 when unknown).</param>
    public static CliUserException At(string file, long line, string? field, string message, Exception? inner = null, int column = 0) =>
        new(message, file, line, field, column, inner);

    /// <summary>The one-line text printed after <c>vixshield: error: </c>.</summary>
    public string Describe()
    {
        if (File is null) return Message;
        string where = Line > 0 ? $"{File}:{Line}: " : $"{File}: ";
        string field = Field is null ? string.Empty : Column > 0 ? $"field '{Field}' (column {Column}): " : $"field '{Field}': ";
        return where + field + Message;
    }
}
