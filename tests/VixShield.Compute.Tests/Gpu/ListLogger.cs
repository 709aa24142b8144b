using Microsoft.Extensions.Logging;

namespace VixShield.Compute.Tests.Gpu;

/// <summary>Collects log entries for assertions.</summary>
public sealed class ListLoggerFactory : ILoggerFactory
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new ListLogger(this);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries) owner.Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
