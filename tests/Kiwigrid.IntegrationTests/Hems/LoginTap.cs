namespace Kiwigrid.IntegrationTests.Hems;

/// <summary>
/// Sits between the HEMS client and the emulator's sockets: records every request (its URL and the cookies it carries)
/// and lets a test act before a request leaves (move the emulator's clock) or change an answer on its way back, as a
/// slow network or a rewriting proxy in front of the emulator would.
/// </summary>
internal sealed class LoginTap(
    Func<HttpRequestMessage, HttpResponseMessage, HttpResponseMessage>? rewrite = null,
    Action<HttpRequestMessage>? beforeSending = null) : DelegatingHandler(
    new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    private readonly List<(Uri Uri, string Cookies)> _requests = [];

    /// <summary>The last bearer token the client sent to the API, to read the same answers raw.</summary>
    public string? LastBearerToken { get; private set; }

    /// <summary>Every request so far: where it went and its <c>Cookie</c> header (empty for none).</summary>
    public IReadOnlyList<(Uri Uri, string Cookies)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : string.Empty;
        lock (_requests)
        {
            _requests.Add((request.RequestUri!, cookies));
        }

        if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token })
        {
            LastBearerToken = token;
        }

        beforeSending?.Invoke(request);
        var response = await base.SendAsync(request, cancellationToken);
        return rewrite?.Invoke(request, response) ?? response;
    }
}
