using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Tests.Manager;

/// <summary>A logger factory that keeps every line the client logged, with its event id.</summary>
internal sealed class RecordingLog : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<(int EventId, string Text)> _lines = new();

    public IReadOnlyList<(int EventId, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue((eventId.Id, formatter(state, exception)));

    public void Dispose()
    {
    }
}
