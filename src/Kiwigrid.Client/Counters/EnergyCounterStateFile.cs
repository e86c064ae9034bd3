using System.Text.Json;

using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Counters;

/// <summary>
/// Reads and writes an <see cref="EnergyCounterState"/> at one path. A write goes to a temporary file beside it, flushed
/// to disk, then renamed over the old one, so a crash or a power cut leaves either the old state or the new one.
/// </summary>
internal sealed class EnergyCounterStateFile(string path, ILogger logger)
{
    private bool lastWriteFailed;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The stored totals; none if there is no file yet, or if it cannot be read (then kept aside with a warning).</summary>
    public Dictionary<EnergyQuantity, DailyEnergyTotals> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            using FileStream stream = File.OpenRead(Path);
            EnergyCounterState state = JsonSerializer.Deserialize(stream, EnergyCounterStateJsonContext.Default.EnergyCounterState)
                ?? throw new InvalidDataException("the file holds null");
            return ToTotals(state);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            // The old file is kept for a person to look at rather than overwritten by the next write.
            string keptAs = Path + ".unreadable";
            TryMove(Path, keptAs);
            EnergyCounterLog.StateUnreadable(logger, Path, exception.Message, keptAs);
            return [];
        }
    }

    public void Write(IReadOnlyDictionary<EnergyQuantity, DailyEnergyTotals> totals)
    {
        string temporary = Path + ".tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            using (FileStream stream = new(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, ToState(totals), EnergyCounterStateJsonContext.Default.EnergyCounterState);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            if (lastWriteFailed)
            {
                lastWriteFailed = false;
                EnergyCounterLog.StateWrittenAgain(logger, Path);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // One warning per run of failures: a full disk would otherwise warn at every poll.
            if (!lastWriteFailed)
            {
                lastWriteFailed = true;
                EnergyCounterLog.StateNotWritten(logger, Path, exception.Message);
            }
        }
    }

    private static Dictionary<EnergyQuantity, DailyEnergyTotals> ToTotals(EnergyCounterState state)
    {
        if (state.Version != EnergyCounterState.CurrentVersion)
        {
            throw new InvalidDataException($"layout version {state.Version} is not {EnergyCounterState.CurrentVersion}");
        }

        Dictionary<EnergyQuantity, DailyEnergyTotals> totals = [];
        foreach (QuantityCounterState quantity in state.Quantities)
        {
            if (!Enum.IsDefined(quantity.Quantity) || totals.ContainsKey(quantity.Quantity))
            {
                throw new InvalidDataException($"the quantity {quantity.Quantity} is unknown or repeated");
            }

            SortedDictionary<DateOnly, decimal> days = [];
            foreach (DayTotalState day in quantity.Days)
            {
                if (day.WattHours < 0 || day.Day <= quantity.FoldedThrough || !days.TryAdd(day.Day, day.WattHours))
                {
                    throw new InvalidDataException($"the {quantity.Quantity} total for {day.Day:yyyy-MM-dd} is negative, repeated or already folded");
                }
            }

            if (quantity.FoldedWattHours < 0)
            {
                throw new InvalidDataException($"the folded {quantity.Quantity} total is negative");
            }

            totals.Add(quantity.Quantity, new DailyEnergyTotals(quantity.FoldedWattHours, quantity.FoldedThrough, days));
        }

        return totals;
    }

    private static EnergyCounterState ToState(IReadOnlyDictionary<EnergyQuantity, DailyEnergyTotals> totals)
    {
        return new EnergyCounterState(
            EnergyCounterState.CurrentVersion,
            [.. totals.OrderBy(pair => pair.Key).Select(pair => new QuantityCounterState(
                pair.Key,
                pair.Value.FoldedWattHours,
                pair.Value.FoldedThrough,
                [.. pair.Value.OpenDays.Select(day => new DayTotalState(day.Key, day.Value))]))]);
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Keeping the old file is a courtesy; the next write replaces it either way.
        }
    }
}
