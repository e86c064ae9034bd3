using System.Net;

namespace Kiwigrid.Emulator.Manager;

/// <summary>
/// The Manager's sign-in page: what <c>/</c> and <c>/logon.html</c> show, what a failed login answers and what a new
/// firmware answers instead of JSON without a live session. It carries the markers public clients look for (the form
/// posting to <c>/auth/login</c>, the heading, "Please enter the gateway password"); the rest is ours.
/// </summary>
internal static class ManagerSignInPage
{
    public static string Html(ManagerOptions options) => $"""
        <!DOCTYPE html>
        <html>
        <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(options.ProductName)}</title>
        </head>
        <body>
        <h3 class="primary-color">Sign in</h3>
        <p>Please enter the gateway password</p>
        <form method="post" action="/auth/login">
            <input type="text" name="username">
            <input type="password" name="password">
            <input type="hidden" name="url" value="/">
            <input type="submit" name="submit" value="Login">
        </form>
        </body>
        </html>
        """;

    /// <summary>The body of a login the firmware could not serve (an outage episode): HTML, as the real one answers.</summary>
    public static string OutageHtml(int statusCode) => $"""
        <!DOCTYPE html>
        <html>
        <head><meta charset="utf-8"><title>{statusCode}</title></head>
        <body><h1>{statusCode}</h1><p>The gateway is not ready yet; try again later.</p></body>
        </html>
        """;

    /// <summary>The body of a throttled login (our design: the real policy is not public).</summary>
    public static string ThrottledHtml(TimeSpan retryAfter) => $"""
        <!DOCTYPE html>
        <html>
        <head><meta charset="utf-8"><title>429</title></head>
        <body><h1>429</h1><p>Too many failed logins; wait {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds.</p></body>
        </html>
        """;
}
