using Kiwigrid.Client.History;

using Kiwigrid.Hosting.Views;

namespace Kiwigrid.Hosting;

/// <summary>
/// Fills today's chart and totals from the cloud's history: the quarter hours from the start of the local day up to
/// the first live reading, as average powers, so a dashboard started in the afternoon shows the morning too, and
/// their energy, so today's totals count from midnight. Runs beside the watch and never fails it: without history
/// the chart and the totals simply start with the live readings.
/// </summary>
internal static class ChartBackfill
{
    /// <summary>Asks the export backend for the site's energy from <c>from</c> to <c>to</c> at the given resolution.</summary>
    public delegate Task<HistoryTable> EnergyHistorySource(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution, CancellationToken cancellationToken);

    /// <summary>
    /// Fetches the day up to <paramref name="firstReading"/> (the first live point's time) and puts it before the
    /// live points. Reports the outcome in one line through <paramref name="note"/>; never throws.
    /// </summary>
    public static async Task RunAsync(SiteFeed feed, DateTimeOffset firstReading, EnergyHistorySource history, Action<string> note, CancellationToken cancellationToken)
    {
        var midnight = LocalDays.MidnightBefore(firstReading, feed.TimeProvider.LocalTimeZone);
        if (midnight >= firstReading)
        {
            return;
        }

        try
        {
            var table = await history(midnight, firstReading, HistoryResolution.FifteenMinutes, cancellationToken).ConfigureAwait(false);
            var energy = EnergyTotals.FromEnergyHistory(table, firstReading) is { } before ? new EarlierEnergy(midnight, firstReading, before) : null;
            var added = feed.Backfill(HistoryPoint.FromEnergyHistory(table, firstReading), energy);
            // Within 80 columns with up to 96 quarter hours: a terminal must not break the line inside a word.
            note($"Today's chart: {added} quarter hours from the cloud's history" + (energy is null ? "." : "; totals from midnight."));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // serve is stopping.
        }

        // Whatever goes wrong, the dashboard goes on with the live readings.
        catch (Exception e)
        {
            note($"Today's history is not available ({FirstSentence(e.Message)}); the chart and today's totals start with the live readings.");
        }
    }

    private static string FirstSentence(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
