using Microsoft.Extensions.Logging;

namespace Kiwigrid.Client.Counters;

internal static partial class EnergyCounterLog
{
    [LoggerMessage(1500, LogLevel.Warning, "The energy counter state {Path} could not be read ({Reason}); the counters start again from zero and the old file is kept as {KeptAs}")]
    public static partial void StateUnreadable(ILogger logger, string path, string reason, string keptAs);

    [LoggerMessage(1501, LogLevel.Warning, "The energy counter state {Path} could not be written ({Reason}); the counters go on in memory and a restart may lower them")]
    public static partial void StateNotWritten(ILogger logger, string path, string reason);

    [LoggerMessage(1502, LogLevel.Information, "The energy counter state {Path} is written again")]
    public static partial void StateWrittenAgain(ILogger logger, string path);

    [LoggerMessage(1503, LogLevel.Debug, "Ignored a {Quantity} total of {WattHours} Wh for {Day}: not a plausible day's energy")]
    public static partial void ImplausibleTotal(ILogger logger, EnergyQuantity quantity, double wattHours, DateOnly day);
}
