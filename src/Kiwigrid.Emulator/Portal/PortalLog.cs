
namespace Kiwigrid.Emulator.Portal;

/// <summary>What the login server and desktop log. User names appear, passwords, cookies, codes and tokens never.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Login of {UserName} succeeded")]
    public static partial void LoginSucceeded(ILogger logger, string userName);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Login of {UserName} failed: wrong user name or password")]
    public static partial void LoginFailed(ILogger logger, string userName);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Login of {UserName} throttled for {RetryAfter}")]
    public static partial void LoginThrottled(ILogger logger, string userName, TimeSpan retryAfter);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "{Step} refused: {Reason}")]
    public static partial void StepRefused(ILogger logger, string step, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Desktop session opened for {UserName}")]
    public static partial void DesktopSessionOpened(ILogger logger, string userName);
}
