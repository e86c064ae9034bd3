using System.Collections.Concurrent;

namespace Kiwigrid.IntegrationTests.Telemetry;

/// <summary>
/// The handler a caller supplies (as <c>IHttpMessageHandlerFactory</c> would): records every request that passes, with
/// the secrets it carries (cookies, token headers), over a handler that follows no redirects and keeps no cookies.
/// </summary>
internal sealed class RequestTap() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly ConcurrentQueue<HttpRequestMessage> _requests = new();
    private readonly ConcurrentQueue<string> _secrets = new();

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<HttpRequestMessage> Requests => [.. _requests];

    /// <summary>Every cookie value, bearer token and <c>token</c> header the client sent.</summary>
    public IReadOnlyList<string> Secrets => [.. _secrets];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        foreach (var cookie in request.Headers.TryGetValues("Cookie", out var cookies) ? cookies : [])
        {
            foreach (var pair in cookie.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                _secrets.Enqueue(pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            }
        }

        if (request.Headers.Authorization?.Parameter is { } bearer)
        {
            _secrets.Enqueue(bearer);
        }

        foreach (var token in request.Headers.TryGetValues("token", out var tokens) ? tokens : [])
        {
            _secrets.Enqueue(token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
