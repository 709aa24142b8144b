using System.Globalization;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// Sends a command's result to a file (atomically: complete or not at all, see <see cref="AtomicFileWriter"/>) or,
/// without a path, to standard output. The write callback may stream (read, compute and write chunk by chunk): an
/// exception in it removes the temporary file, so a file target never holds half a result; standard output does hold
/// what was written before the error.
/// </summary>
internal static class OutputTarget
{
    /// <summary>Runs <paramref name="write"/> against the file <paramref name="path"/> (atomic) or standard output when null or "-".</summary>
    public static async Task WriteAsync(CliContext context, string? path, Func<TextWriter, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            await write(context.Out, cancellationToken).ConfigureAwait(false);
            await context.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var file = AtomicFileWriter.Create(path);
        await write(file.Writer, cancellationToken).ConfigureAwait(false);
        await file.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Round-trip text of a double in the invariant culture ("R": parses back to the same value; NaN, Infinity,
    /// -Infinity). Zero prints as "0" whatever its sign: an underflowed put delta is -0 in IEEE arithmetic, which is no
    /// information for a reader and printed as "-0".</summary>
    public static string Format(double value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Round-trip text of a float in the invariant culture (the shortest text that parses back to the same float); zero as "0".</summary>
    public static string Format(float value) => value == 0 ? "0" : value.ToString("R", CultureInfo.InvariantCulture);
}
