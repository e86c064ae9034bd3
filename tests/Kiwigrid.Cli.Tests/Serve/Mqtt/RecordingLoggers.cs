using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kiwigrid.Cli.Tests.Serve.Mqtt;

/// <summary>Keeps every formatted log line (with its exception), so a test can search them for what must not be there.</summary>
internal sealed class RecordingLoggers : ILoggerFactory
{
    private readonly List<string> _lines = [];
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>
    /// The first line that matches, moving <paramref name="clock"/> on by <paramref name="step"/> until it shows: a
    /// retry's timer may start only just after the line before it was logged, so one move could come too early.
    /// </summary>
    public async Task<string> WaitAdvancingAsync(FakeTimeProvider clock, TimeSpan step, Func<string, bool> match)
    {
        var line = WaitForAsync(match);
        while (!line.IsCompleted)
        {
            clock.Advance(step);
            await Task.WhenAny(line, Task.Delay(50));
        }

        return await line;
    }

    /// <summary>The first line that matches, waiting up to 10 s for it.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task logged;
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                logged = _logged.Task;
            }

            await logged.WaitAsync(timeout.Token);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggers owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add($"{logLevel}: {formatter(state, exception)} {exception}");
                owner._logged.TrySetResult();
                owner._logged = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
