using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// Shows the warnings of one part of the library as notes on stderr, one line each (e.g. a Manager answering its login
/// with 504 and the retry that follows), so a user sees why a command waits. Other parts stay silent: what the watch
/// loop logs, the commands already say in their own words.
/// </summary>
internal sealed class NoteLoggerProvider(CliConsole console) : ILoggerProvider
{
    /// <summary>A factory whose loggers of the categories under <paramref name="categoryPrefix"/> write warnings and errors as notes.</summary>
    public static ILoggerFactory Factory(CliConsole console, string categoryPrefix) =>
        LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter((category, _) => category?.StartsWith(categoryPrefix, StringComparison.Ordinal) == true)
            .AddProvider(new NoteLoggerProvider(console)));

    public ILogger CreateLogger(string categoryName) => new NoteLogger(console);

    public void Dispose()
    {
    }

    private sealed class NoteLogger(CliConsole console) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                console.WriteNote(formatter(state, exception) + ".");
            }
        }
    }
}
