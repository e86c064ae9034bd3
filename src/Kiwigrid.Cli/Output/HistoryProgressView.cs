using System.Globalization;
using Kiwigrid.Client.History;
using Spectre.Console;

namespace Kiwigrid.Cli.Output;

/// <summary>
/// The progress of a history that takes several requests, on standard error so the output stays clean: a Spectre
/// progress bar at a terminal, else a line at the start and at every tenth of the requests. A history of one request
/// shows nothing.
/// </summary>
internal static class HistoryProgressView
{
    /// <summary>Runs <paramref name="fetch"/>, showing the progress it reports.</summary>
    public static async Task<HistoryTable> RunAsync(CliConsole console, Func<IProgress<HistoryProgress>, Task<HistoryTable>> fetch)
    {
        var error = console.Error;
        if (!error.Profile.Capabilities.Interactive || !error.Profile.Capabilities.Ansi)
        {
            return await fetch(new Reporter(p => WriteLine(console, p))).ConfigureAwait(false);
        }

        return await error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask? bar = null;
                return await fetch(new Reporter(p =>
                {
                    if (p.TotalRequests > 1)
                    {
                        bar ??= context.AddTask(string.Create(CultureInfo.InvariantCulture, $"History, {p.TotalRequests} requests (Ctrl+C stops)"), maxValue: p.TotalRequests);
                        bar.Value = p.CompletedRequests;
                    }
                })).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static void WriteLine(CliConsole console, HistoryProgress progress)
    {
        var total = progress.TotalRequests;
        if (total <= 1)
        {
            return;
        }

        // A line at the start and when the done share passes a tenth: at most eleven, however long the span.
        var done = progress.CompletedRequests;
        if (done == 0)
        {
            console.WriteNote(string.Create(CultureInfo.InvariantCulture, $"Reading the history in {total} requests; Ctrl+C stops."));
        }
        else if (done * 10 / total > (done - 1) * 10 / total)
        {
            console.WriteNote(string.Create(CultureInfo.InvariantCulture, $"  {progress.CompletedRequests} of {total} requests done"));
        }
    }

    /// <summary>Reports synchronously, in order, on the fetching thread (<see cref="Progress{T}"/> would post them).</summary>
    private sealed class Reporter(Action<HistoryProgress> report) : IProgress<HistoryProgress>
    {
        public void Report(HistoryProgress value) => report(value);
    }
}
