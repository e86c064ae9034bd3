using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>Keeps every line the library logs at any level, with every value it carried, as text.</summary>
internal sealed class RecordingLog : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<(EventId Id, string Text)> _lines = new();

    public IReadOnlyList<(EventId Id, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        _lines.Enqueue((eventId, $"{logLevel} {formatter(state, exception)} | {values} | {exception}"));
    }

    public void Dispose()
    {
    }
}
