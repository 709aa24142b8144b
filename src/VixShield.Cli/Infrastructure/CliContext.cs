using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace VixShield.Cli.Infrastructure;

/// <summary>
/// What every command of one <c>vixshield</c> run shares: where standard output and error go (the console, or
/// string writers in tests), whether --verbose is on, and the logger factory (console logger on standard error).
/// </summary>
internal sealed class CliContext : IDisposable
{
    private ILoggerFactory? _loggerFactory;

    /// <summary>Creates a context writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public CliContext(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
    }

    /// <summary>Standard output: results (CSV without --output, tables).</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: messages and logs.</summary>
    public TextWriter Error { get; }

    /// <summary>True with --verbose: debug logging, and stack traces of internal errors.</summary>
    public bool Verbose { get; set; }

    /// <summary>True when <see cref="Out"/> is the process's console (Spectre.Console may then use colours).</summary>
    public bool OutIsConsole { get; init; }

    /// <summary>The logger factory: warnings and errors by default, debug with --verbose; logs go to standard error.</summary>
    public ILoggerFactory LoggerFactory => _loggerFactory ??= CreateLoggerFactory();

    /// <summary>A logger for <typeparamref name="T"/>.</summary>
    public ILogger<T> Logger<T>() => LoggerFactory.CreateLogger<T>();

    /// <summary>Writes one line to standard error (a status line, not a log entry).</summary>
    public void Note(string message) => Error.WriteLine(message);

    /// <inheritdoc/>
    public void Dispose() => _loggerFactory?.Dispose();

    private ILoggerFactory CreateLoggerFactory()
    {
        LogLevel level = Verbose ? LogLevel.Debug : LogLevel.Warning;
        return Microsoft.Extensions.Logging.LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
            builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }
}
