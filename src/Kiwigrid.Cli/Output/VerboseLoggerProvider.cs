using Microsoft.Extensions.Logging;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// <c>--verbose</c>: the library's logs on stderr from Debug up, one line each (<c>debug: Kiwigrid.Client.Hems.HemsHttp[900]
/// hems: GET /v11/energy-flow answered in 0.12 s</c>), an exception as its message only. The library never logs a
/// password, cookie or token, so neither does this.
/// </summary>
internal sealed class VerboseLoggerProvider(CliConsole console) : ILoggerProvider
{
    private readonly Lock _gate = new();

    /// <summary>A factory whose loggers write Debug and above to the console's stderr.</summary>
    public static ILoggerFactory Factory(CliConsole console) =>
        LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new VerboseLoggerProvider(console)));

    public ILogger CreateLogger(string categoryName) => new VerboseLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        // Lines come from the read loops and timers of several connections at once.
        lock (_gate)
        {
            console.WriteNote(line);
        }
    }

    private sealed class VerboseLogger(VerboseLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += ": " + exception.Message;
            }

            provider.Write($"{Level(logLevel)}: {category}[{eventId.Id}] {message.ReplaceLineEndings(" ")}");
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "critical",
        };
    }
}
