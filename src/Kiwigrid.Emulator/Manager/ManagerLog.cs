namespace Kiwigrid.Emulator.Manager;

/// <summary>What the emulated Manager logs. User names appear, passwords and session cookies never.</summary>
internal static partial class ManagerLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "Manager login of {UserName} succeeded")]
    public static partial void LoginSucceeded(ILogger logger, string userName);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Manager login of {UserName} failed: wrong user name or password")]
    public static partial void LoginFailed(ILogger logger, string userName);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Manager login of {UserName} throttled for {RetryAfter}")]
    public static partial void LoginThrottled(ILogger logger, string userName, TimeSpan retryAfter);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information, Message = "Manager login answered {StatusCode}: an emulated outage")]
    public static partial void LoginOutage(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 704, Level = LogLevel.Information, Message = "Manager request {Path} refused: no live session")]
    public static partial void NoSession(ILogger logger, PathString path);
}
