using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Tests.Counters;

/// <summary>A logger that keeps the warnings it is given, to count them.</summary>
internal sealed class WarningCounter : ILogger
{
    public List<string> Warnings { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            Warnings.Add(formatter(state, exception));
        }
    }
}
