using System.Collections.Concurrent;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.IntegrationTests.Faults;

/// <summary>A logger factory that keeps the event ids the client logged, to see what it did behind the scenes.</summary>
internal sealed class ClientLog : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<int> _eventIds = new();

    public int Count(int eventId) => _eventIds.Count(id => id == eventId);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _eventIds.Enqueue(eventId.Id);

    public void Dispose()
    {
    }
}
