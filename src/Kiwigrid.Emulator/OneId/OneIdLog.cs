namespace Kiwigrid.Emulator.OneId;

/// <summary>What the realms and the portal log. User names appear; passwords, cookies, codes and tokens never.</summary>
internal static partial class OneIdLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Realm {Realm}: login of {UserName} succeeded")]
    public static partial void LoginSucceeded(ILogger logger, string realm, string userName);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Realm {Realm}: login of {UserName} failed: wrong user name or password")]
    public static partial void LoginFailed(ILogger logger, string realm, string userName);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Realm {Realm}: login of {UserName} throttled for {RetryAfter}")]
    public static partial void LoginThrottled(ILogger logger, string realm, string userName, TimeSpan retryAfter);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "{Step} refused: {Reason}")]
    public static partial void StepRefused(ILogger logger, string step, string reason);

}
