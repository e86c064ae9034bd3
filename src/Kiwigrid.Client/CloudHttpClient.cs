namespace Kiwigrid.Client;

/// <summary>The HTTP client for the portal and the cloud's backends, over the caller's handler if there is one.</summary>
internal static class CloudHttpClient
{
    /// <summary>
    /// The given handler (tests, proxies; the client's options hold it), or one that follows no redirects — each step
    /// reads its redirect itself, and a token header must not travel on to wherever a redirect points — and keeps no
    /// cookies, so each request sends exactly the cookies the protocol names. No client timeout: timeouts run on the options' TimeProvider.
    /// </summary>
    public static HttpClient Create(HttpMessageHandler? handler)
    {
        var http = handler is not null
            ? new HttpClient(handler, disposeHandler: false)
            : new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true);
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }
}
