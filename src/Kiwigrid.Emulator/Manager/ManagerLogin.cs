using System.Security.Cryptography;
using System.Text;

using Kiwigrid.Emulator.Hosting;
using Kiwigrid.Emulator.Portal;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// <c>POST /auth/login</c> (form fields <c>username</c>, <c>password</c>, <c>url</c>, <c>submit</c>): right
/// credentials get <c>302</c> to <c>url</c> with the <c>kiwisessionid</c> cookie; wrong ones the sign-in page again
/// (200, no cookie); an outage episode 504/500 with HTML; too many failures for one user name 429 with HTML, counted
/// as the portal counts them (<see cref="LoginThrottle"/>, its own count).
/// </summary>
internal sealed class ManagerLogin
{
    private readonly ManagerOptions _manager;
    private readonly LoginThrottle _throttle;
    private readonly ManagerLoginOutage _outage;
    private readonly ILogger _logger;

    public ManagerLogin(EmulatorOptions options, ILoggerFactory loggers)
    {
        _manager = options.Manager ?? throw new InvalidOperationException("The emulator runs no Manager.");
        _throttle = new LoginThrottle(options);
        _outage = new ManagerLoginOutage(_manager);
        _logger = loggers.CreateLogger<ManagerLogin>();
        Sessions = new ManagerSessions(_manager, options.TimeProvider);
    }

    public ManagerSessions Sessions { get; }

    public async Task AnswerAsync(HttpContext context)
    {
        var response = context.Response;
        if (_outage.NextFailure() is { } status)
        {
            ManagerLog.LoginOutage(_logger, status);
            await ManagerAnswers.HtmlAsync(context, ManagerSignInPage.OutageHtml(status), status).ConfigureAwait(false);
            return;
        }

        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)
            : null;
        var userName = form?["username"].ToString() ?? string.Empty;
        if (_throttle.IsThrottled(userName, out var retryAfter))
        {
            ManagerLog.LoginThrottled(_logger, userName, retryAfter);
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ManagerAnswers.HtmlAsync(context, ManagerSignInPage.ThrottledHtml(retryAfter), StatusCodes.Status429TooManyRequests).ConfigureAwait(false);
            return;
        }

        if (!Matches(userName, form?["password"].ToString() ?? string.Empty))
        {
            _throttle.RecordFailure(userName);
            ManagerLog.LoginFailed(_logger, userName);
            await ManagerAnswers.HtmlAsync(context, ManagerSignInPage.Html(_manager), StatusCodes.Status200OK).ConfigureAwait(false);
            return;
        }

        _throttle.RecordSuccess(userName);
        ManagerLog.LoginSucceeded(_logger, userName);
        var cookie = $"{ManagerSessions.CookieName}={Sessions.Open()}; Path=/; HttpOnly";
        response.Headers.SetCookie = context.Request.IsHttps ? cookie + "; Secure" : cookie;
        response.StatusCode = StatusCodes.Status302Found;
        response.Headers.Location = LocalTarget(form?["url"].ToString());
    }

    /// <summary>The <c>url</c> field when it is a path on the Manager itself, else <c>/</c>: a login never sends a browser elsewhere.</summary>
    private static string LocalTarget(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/";

    private bool Matches(string userName, string password) =>
        string.Equals(userName, _manager.UserName, StringComparison.Ordinal)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(_manager.Password));
}
