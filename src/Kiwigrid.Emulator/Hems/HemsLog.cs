namespace Kiwigrid.Emulator.Hems;

/// <summary>What the HEMS API logs. User names appear, tokens never.</summary>
internal static partial class HemsLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "HEMS request {Path} refused: {Reason}")]
    public static partial void Refused(ILogger logger, PathString path, string reason);

    [LoggerMessage(EventId = 601, Level = LogLevel.Debug, Message = "HEMS request {Path} by {UserName}")]
    public static partial void Served(ILogger logger, PathString path, string userName);
}
