using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Shows what parts of the library log as notes on stderr, one line each, in the words of the log line and nothing
/// else (no level, no .NET category): e.g. a Manager answering its login with 504 and the retry that follows, so a user
/// sees why a command waits, or serve's MQTT connection and each change made through it. Other parts stay silent: what
/// the watch loop logs, the commands already say in their own words.
/// </summary>
internal sealed class NoteLoggerProvider(CliConsole console, LogLevel minimumLevel) : ILoggerProvider
{
    private readonly Lock _gate = new();

    private LogLevel MinimumLevel { get; } = minimumLevel;

    /// <summary>
    /// A factory whose loggers of the categories under <paramref name="categoryPrefix"/> write
    /// <paramref name="minimumLevel"/> and above as notes (warnings and errors unless told otherwise).
    /// </summary>
    public static ILoggerFactory Factory(CliConsole console, string categoryPrefix, LogLevel minimumLevel = LogLevel.Warning) =>
        LoggerFactory.Create(logging => logging
            .SetMinimumLevel(minimumLevel)
            .AddFilter((category, _) => category?.StartsWith(categoryPrefix, StringComparison.Ordinal) == true)
            .AddProvider(new NoteLoggerProvider(console, minimumLevel)));

    public ILogger CreateLogger(string categoryName) => new NoteLogger(this);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        // Lines come from the read loops and timers of several connections at once.
        lock (_gate)
        {
            console.WriteNote(line.EndsWith('.') ? line : line + ".");
        }
    }

    private sealed class NoteLogger(NoteLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinimumLevel && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(formatter(state, exception).ReplaceLineEndings(" "));
            }
        }
    }
}
